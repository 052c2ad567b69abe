using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;

namespace SignalGen.Dispatch;

/// <summary>
/// Holds the dispatch table factory of a schema with a type parameter. Such a schema has one sender
/// per type argument (<c>Signals&lt;AppUser&gt;</c>), each with its own <see cref="DispatchTableSlot{TTable}"/>;
/// a generated factory makes each one's table when that sender is first used. Installation follows the
/// table slot's rules (the root replaces a library, the first root wins), and every sender already in
/// use gets its table from the newly installed factory.
/// </summary>
/// <typeparam name="TFactory">The schema's generated factory interface.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DispatchTableFactorySlot<TFactory>
    where TFactory : class
{
    private readonly Lock _gate = new();
    private readonly List<Action<TFactory, bool>> _senders = [];
    private TFactory? _current;
    private int _level;

    /// <summary>The installed factory, or null.</summary>
    public TFactory? Current => Volatile.Read(ref _current);

    /// <summary>Installs <paramref name="factory"/> unless an equal or stronger one is installed, and refreshes every attached sender.</summary>
    /// <returns><see langword="true"/> when the factory was installed.</returns>
    public bool Install(TFactory factory, bool isRoot)
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (_gate)
        {
            if (!InstallPrecedence.TryRaise(ref _level, isRoot))
            {
                return false;
            }

            Volatile.Write(ref _current, factory);
            foreach (var install in _senders)
            {
                install(factory, isRoot);
            }

            return true;
        }
    }

    /// <summary>
    /// Registers a sender's way of installing a table made by a factory: called now when a factory is
    /// installed, and again whenever a stronger one is.
    /// </summary>
    public void Attach(Action<TFactory, bool> installTable)
    {
        ArgumentNullException.ThrowIfNull(installTable);
        lock (_gate)
        {
            _senders.Add(installTable);
            if (_current is { } factory)
            {
                installTable(factory, InstallPrecedence.IsRoot(_level));
            }
        }
    }
}
