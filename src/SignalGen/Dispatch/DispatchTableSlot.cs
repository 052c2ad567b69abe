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
    private TTable? _root;
    private int _level;

    /// <summary>Creates a slot holding the table with no receivers.</summary>
    public DispatchTableSlot(TTable empty)
    {
        _current = empty;
    }

    /// <summary>The table sends go through.</summary>
    public TTable Current => Volatile.Read(ref _current);

    /// <summary>
    /// The application's (root) table once it is installed, else <see langword="null"/>. Nothing replaces a
    /// root table, so a sender may keep it for good: generated senders hold it in a static readonly field,
    /// which the JIT treats as a constant and calls through without a type check.
    /// </summary>
    public TTable? Root => Volatile.Read(ref _root);

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
            if (isRoot)
            {
                Volatile.Write(ref _root, table);
            }

            return true;
        }
    }
}
