using System.Runtime.CompilerServices;

namespace Inequalities.Core.Measures;

/// <summary>xoshiro256** (Blackman &amp; Vigna), seeded through SplitMix64: a small, fast, seedable generator.</summary>
internal struct Xoshiro256
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public Xoshiro256(ulong seed)
    {
        s0 = SplitMix64(ref seed);
        s1 = SplitMix64(ref seed);
        s2 = SplitMix64(ref seed);
        s3 = SplitMix64(ref seed);
    }

    /// <summary>A generator for stream <paramref name="stream"/> of a master seed (independent per stream).</summary>
    public static Xoshiro256 ForStream(ulong seed, ulong stream)
    {
        var mixed = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        _ = SplitMix64(ref mixed);
        return new Xoshiro256(mixed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Fills <paramref name="open"/> with uniforms in (0, 1] and <paramref name="half"/> with uniforms in [0, 1).</summary>
    public void FillUniforms(Span<double> open, Span<double> half)
    {
        const double scale = 1.0 / (1UL << 53);
        for (var i = 0; i < open.Length; i++)
        {
            open[i] = ((NextUInt64() >> 11) + 1) * scale;
            half[i] = (NextUInt64() >> 11) * scale;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Order statistics by Floyd–Rivest selection (expected ~n + min(k, n − k) comparisons).</summary>
internal static class Selection
{
    /// <summary>
    /// Rearranges <paramref name="values"/> so that each 0-based rank in <paramref name="sortedRanks"/> holds the
    /// element a full sort would put there.
    /// </summary>
    public static void SelectRanks(Span<double> values, ReadOnlySpan<int> sortedRanks)
    {
        int left = 0, right = values.Length - 1, i = 0, j = sortedRanks.Length - 1;
        var fromLeft = true;
        while (i <= j)
        {
            var k = fromLeft ? sortedRanks[i++] : sortedRanks[j--];
            Select(values, left, right, k);
            if (fromLeft)
            {
                left = k + 1;
            }
            else
            {
                right = k - 1;
            }

            fromLeft = !fromLeft;
        }
    }

    public static void Select(Span<double> a, int left, int right, int k)
    {
        while (right > left)
        {
            if (right - left > 600)
            {
                double n = right - left + 1;
                double i = k - left + 1;
                var z = Math.Log(n);
                var s = 0.5 * Math.Exp(2 * z / 3);
                var sd = 0.5 * Math.Sqrt(z * s * (n - s) / n) * Math.Sign(i - n / 2);
                var newLeft = Math.Max(left, (int)Math.Floor(k - i * s / n + sd));
                var newRight = Math.Min(right, (int)Math.Floor(k + (n - i) * s / n + sd));
                Select(a, newLeft, newRight, k);
            }

            var t = a[k];
            var lo = left;
            var hi = right;
            Swap(a, left, k);
            if (a[right] > t)
            {
                Swap(a, right, left);
            }

            while (lo < hi)
            {
                Swap(a, lo, hi);
                lo++;
                hi--;
                while (a[lo] < t)
                {
                    lo++;
                }

                while (a[hi] > t)
                {
                    hi--;
                }
            }

            if (a[left] == t)
            {
                Swap(a, left, hi);
            }
            else
            {
                hi++;
                Swap(a, hi, right);
            }

            if (hi <= k)
            {
                left = hi + 1;
            }

            if (k <= hi)
            {
                right = hi - 1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(Span<double> a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);
}
