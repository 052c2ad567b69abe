using System.Threading;
using System.Threading.Tasks;
using Mediator;

namespace SignalGen.Benchmarks;

// What a .NET developer would pick instead of SignalGen, wired to the same receivers (Receivers.R1..R8).

/// <summary>Mediator notifications, one per receiver count, published as cached instances so no send allocates.</summary>
public sealed record OneNotification(Payload Payload) : INotification;

/// <inheritdoc cref="OneNotification"/>
public sealed record ThreeNotification(Payload Payload) : INotification;

/// <inheritdoc cref="OneNotification"/>
public sealed record EightNotification(Payload Payload) : INotification;

public sealed class OneHandler : INotificationHandler<OneNotification>
{
    public ValueTask Handle(OneNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R1(notification.Payload);
        return default;
    }
}

public sealed class ThreeHandler1 : INotificationHandler<ThreeNotification>, INotificationHandler<EightNotification>
{
    public ValueTask Handle(ThreeNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R1(notification.Payload);
        return default;
    }

    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R1(notification.Payload);
        return default;
    }
}

public sealed class ThreeHandler2 : INotificationHandler<ThreeNotification>, INotificationHandler<EightNotification>
{
    public ValueTask Handle(ThreeNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R2(notification.Payload);
        return default;
    }

    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R2(notification.Payload);
        return default;
    }
}

public sealed class ThreeHandler3 : INotificationHandler<ThreeNotification>, INotificationHandler<EightNotification>
{
    public ValueTask Handle(ThreeNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R3(notification.Payload);
        return default;
    }

    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R3(notification.Payload);
        return default;
    }
}

public sealed class EightHandler4 : INotificationHandler<EightNotification>
{
    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R4(notification.Payload);
        return default;
    }
}

public sealed class EightHandler5 : INotificationHandler<EightNotification>
{
    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R5(notification.Payload);
        return default;
    }
}

public sealed class EightHandler6 : INotificationHandler<EightNotification>
{
    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R6(notification.Payload);
        return default;
    }
}

public sealed class EightHandler7 : INotificationHandler<EightNotification>
{
    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R7(notification.Payload);
        return default;
    }
}

public sealed class EightHandler8 : INotificationHandler<EightNotification>
{
    public ValueTask Handle(EightNotification notification, CancellationToken cancellationToken)
    {
        Receivers.R8(notification.Payload);
        return default;
    }
}
