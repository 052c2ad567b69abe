using Xunit;

namespace SignalGen.Tests;

/// <summary>
/// Tests that listen to process-wide state (ActivityListener, MeterListener, a recorder for all flows)
/// or count every delivery of a signal. They run alone, after the parallel tests: another test's sends
/// would show up in their counts, and their listeners would make other tests' sends observed (and allocate).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = "Process-wide state";
}
