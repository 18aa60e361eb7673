namespace Hatrace.Cmdlets;

/// <summary>The shortest edit between two sequences of lines (a longest common subsequence), as Compare-Object's side
/// indicators. Common leading and trailing lines are matched first, so two traces that differ in a few places cost
/// little; what lies between is compared in full.</summary>
internal static class LineDiff
{
    internal const string Both = "==";
    internal const string ReferenceOnly = "<=";
    internal const string DifferenceOnly = "=>";

    internal static IEnumerable<(string Side, string Text, T Item)> Compare<T>(
        IReadOnlyList<(string Text, T Item)> reference, IReadOnlyList<(string Text, T Item)> difference)
    {
        int prefix = 0;
        while (prefix < reference.Count && prefix < difference.Count && reference[prefix].Text == difference[prefix].Text)
            prefix++;
        int suffix = 0;
        while (suffix < reference.Count - prefix && suffix < difference.Count - prefix
            && reference[^(suffix + 1)].Text == difference[^(suffix + 1)].Text)
            suffix++;

        for (int i = 0; i < prefix; i++)
            yield return (Both, reference[i].Text, reference[i].Item);

        // lengths[i, j]: the longest common subsequence of the middles' tails from i and from j.
        int n = reference.Count - prefix - suffix, m = difference.Count - prefix - suffix;
        var lengths = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lengths[i, j] = reference[prefix + i].Text == difference[prefix + j].Text
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
        int r = 0, d = 0;
        while (r < n || d < m)
        {
            if (r < n && d < m && reference[prefix + r].Text == difference[prefix + d].Text)
            {
                yield return (Both, reference[prefix + r].Text, reference[prefix + r].Item);
                r++;
                d++;
            }
            else if (d == m || (r < n && lengths[r + 1, d] >= lengths[r, d + 1]))
            {
                yield return (ReferenceOnly, reference[prefix + r].Text, reference[prefix + r].Item);
                r++;
            }
            else
            {
                yield return (DifferenceOnly, difference[prefix + d].Text, difference[prefix + d].Item);
                d++;
            }
        }

        for (int i = reference.Count - suffix; i < reference.Count; i++)
            yield return (Both, reference[i].Text, reference[i].Item);
    }
}
