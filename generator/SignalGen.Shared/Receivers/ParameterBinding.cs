namespace SignalGen.Receivers;

/// <summary>What a receiver parameter is given when its signal is sent.</summary>
internal enum ParameterSource
{
    /// <summary>The signal's argument of the parameter's name.</summary>
    Argument,

    /// <summary>The signal itself: the parameter's type is the signal's type.</summary>
    Signal,

    /// <summary>The send's <see cref="System.Threading.CancellationToken"/>.</summary>
    CancellationToken,

    /// <summary>The delivery a durable receiver runs for (<c>SignalGen.Durable.DurableDelivery</c>); other receivers get nothing (SGEN0110).</summary>
    DurableDelivery,

    /// <summary>Nothing: the receiver cannot take this signal (SGEN0102).</summary>
    None,
}

/// <summary>
/// One signal and its receiver's parameters, as the binding rule reads them. The generator implements it
/// on the names and types as written (it cannot see the types it generates), the analyzer on symbols.
/// </summary>
/// <typeparam name="TParameter">A receiver parameter.</typeparam>
/// <typeparam name="TArgument">An argument of the signal.</typeparam>
internal interface ISignalParameterView<in TParameter, TArgument>
    where TArgument : class
{
    /// <summary>The parameter's name.</summary>
    string NameOf(TParameter parameter);

    /// <summary>The signal's argument named <paramref name="name"/>, or null.</summary>
    TArgument? FindArgument(string name);

    /// <summary>True when the parameter's type is the signal's own type (constructed or not, for a generic signal).</summary>
    bool IsSignalType(TParameter parameter);

    /// <summary>True when the parameter's type is <see cref="System.Threading.CancellationToken"/>.</summary>
    bool IsCancellationToken(TParameter parameter);

    /// <summary>True when the parameter's type is <c>SignalGen.Durable.DurableDelivery</c>.</summary>
    bool IsDurableDelivery(TParameter parameter);
}

/// <summary>
/// How a receiver parameter binds to a signal, written once for the generator (which writes the call)
/// and the analyzer (which says why a parameter gets nothing). By name first: a parameter named like an
/// argument takes that argument, whatever its type (a type that does not fit is SGEN0103, never another
/// binding); else a parameter of the signal's type takes the signal; else a <c>CancellationToken</c>
/// takes the send's token; else a <c>DurableDelivery</c> takes the delivery (a durable receiver's only);
/// else nothing binds it (SGEN0102). Any subset of the arguments in any order,
/// as allauth's receivers take <c>**kwargs</c>.
/// </summary>
internal static class ParameterBinding
{
    public static ParameterSource Bind<TView, TParameter, TArgument>(TView view, TParameter parameter, out TArgument? argument)
        where TView : ISignalParameterView<TParameter, TArgument>
        where TArgument : class
    {
        argument = view.FindArgument(view.NameOf(parameter));
        if (argument is not null)
        {
            return ParameterSource.Argument;
        }

        if (view.IsSignalType(parameter))
        {
            return ParameterSource.Signal;
        }

        if (view.IsCancellationToken(parameter))
        {
            return ParameterSource.CancellationToken;
        }

        return view.IsDurableDelivery(parameter) ? ParameterSource.DurableDelivery : ParameterSource.None;
    }
}
