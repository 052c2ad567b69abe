using System.ComponentModel;
using System.Threading;

namespace SignalGen.Dispatch;

/// <summary>
/// Holds the dispatch table a schema's sender calls. Generated code installs tables from module
/// initializers: a library's table covers its own receivers, the application's (root) table covers
/// every receiver it can see and replaces it. The first root table installed wins, and the entry
/// assembly's module initializer runs first, so a test project that references an application keeps
/// its own table.
/// </summary>
/// <typeparam name="TTable">The schema's generated dispatch interface.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DispatchTableSlot<TTable>
    where TTable : class
{
    private readonly Lock _gate = new();
    private TTable _current;
    private int _level;

    /// <summary>Creates a slot holding the table with no receivers.</summary>
    public DispatchTableSlot(TTable empty)
    {
        _current = empty;
    }

    /// <summary>The table sends go through.</summary>
    public TTable Current => Volatile.Read(ref _current);

    /// <summary>Installs <paramref name="table"/> unless an equal or stronger table is installed.</summary>
    /// <returns><see langword="true"/> when the table was installed.</returns>
    public bool Install(TTable table, bool isRoot)
    {
        lock (_gate)
        {
            if (!InstallPrecedence.TryRaise(ref _level, isRoot))
            {
                return false;
            }

            Volatile.Write(ref _current, table);
            return true;
        }
    }
}
