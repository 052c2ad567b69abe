namespace SignalGen.Dispatch;

/// <summary>
/// The rule both slots install by: the application's (root) table or factory replaces a library's, and
/// the first root wins (the entry assembly's module initializer runs first).
/// </summary>
internal static class InstallPrecedence
{
    private const int Library = 1;
    private const int Root = 2;

    /// <summary>Raises <paramref name="installed"/> to the level of the one being installed, when it outranks it.</summary>
    /// <returns><see langword="true"/> when the new one is to be installed. Call under the slot's lock.</returns>
    public static bool TryRaise(ref int installed, bool isRoot)
    {
        var level = isRoot ? Root : Library;
        if (level <= installed)
        {
            return false;
        }

        installed = level;
        return true;
    }

    /// <summary>Whether <paramref name="installed"/> is the root's level.</summary>
    public static bool IsRoot(int installed) => installed == Root;
}
