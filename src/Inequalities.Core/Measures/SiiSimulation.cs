using System.Buffers;
using System.Numerics.Tensors;

namespace Inequalities.Core.Measures;

/// <summary>
/// Point estimates and simulated confidence limits for prepared SII groups. Groups run in parallel, each with
/// its own xoshiro256** stream keyed by (seed, group index); per-thread work buffers are pooled, so the
/// repetition loops allocate nothing and results are identical for any thread count.
/// </summary>
internal static class SiiSimulation
{
    /// <summary>Repetitions handled per vectorised chunk.</summary>
    private const int Chunk = 2048;

    public static SiiGroupResult[] Run(List<SiiGroupModel> models, SiiOptions options, double[] levels)
    {
        var results = new SiiGroupResult[models.Count];
        var seed = options.Seed ?? (ulong)Random.Shared.NextInt64();
        var maxQ = 0;
        foreach (var m in models)
        {
            maxQ = Math.Max(maxQ, m.Mu.Length);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        Parallel.For(
            0,
            models.Count,
            parallel,
            () => new Workspace(options.Repetitions),
            (g, _, workspace) =>
            {
                var rng = Xoshiro256.ForStream(seed, (ulong)g);
                results[g] = Estimate(models[g], options, levels, workspace, ref rng);
                return workspace;
            },
            workspace => workspace.Dispose());
        return results;
    }

    private static SiiGroupResult Estimate(SiiGroupModel model, SiiOptions options, double[] levels, Workspace ws, ref Xoshiro256 rng)
    {
        var type = options.ValueType;
        var mult = options.Multiplier;
        var transform = options.Transform;
        double sii, rii, intercept;
        if (transform)
        {
            var y0 = SiiGroupModel.Inverse(type, model.Beta0);
            var y1 = SiiGroupModel.Inverse(type, model.Beta0 + model.Beta1);
            sii = (y1 - y0) * mult;
            rii = mult < 0 ? y0 / y1 : y1 / y0;
            intercept = y0 * Math.Abs(mult);
        }
        else
        {
            sii = mult * model.Beta1;
            rii = (model.Beta0 + model.Beta1) / model.Beta0;
            if (mult < 0)
            {
                rii = 1 / rii;
            }

            intercept = model.Beta0;
        }

        var linear = type == SiiValueType.Normal || transform;
        var siiClosed = linear && options.ClosedFormWhereExact && !options.ReliabilityStatistic;
        var blocks = options.ReliabilityStatistic ? 10 : 1;
        var reps = options.Repetitions;
        var scale = transform ? 1 : mult;

        // Linear case: (β0*, β1*) is bivariate normal with covariance W diag(s²) Wᵀ; draw it through its Cholesky factor.
        double v00 = 0, v01 = 0, v11 = 0;
        for (var i = 0; i < model.Mu.Length; i++)
        {
            var s2 = model.Se[i] * model.Se[i];
            v00 += model.W0[i] * model.W0[i] * s2;
            v01 += model.W0[i] * model.W1[i] * s2;
            v11 += model.W1[i] * model.W1[i] * s2;
        }

        // RII of an untransformed normal indicator: T = β1*/β0* with (β0*, β1*) bivariate normal. When β0* is
        // positive with probability 1 − 1e-12 or more, P(T ≤ t) = Φ((tμ0 − μ1)/√(V11 − 2tV01 + t²V00)) exactly (up to
        // that 1e-12), whose quantiles solve a quadratic (Fieller). Otherwise the RII is simulated.
        double[]? riiClosed = null;
        if (siiClosed && options.Rii && !transform)
        {
            riiClosed = FiellerRii(model.Beta0, model.Beta1, v00, v01, v11, mult, levels);
        }

        var needRiiSim = options.Rii && !transform && riiClosed is null;
        var l00 = Math.Sqrt(v00);
        var l10 = l00 > 0 ? v01 / l00 : 0;
        var l11 = Math.Sqrt(Math.Max(0, v11 - l10 * l10));

        var siiLimits = new double[blocks, levels.Length, 2];
        var riiLimits = new double[blocks, levels.Length, 2];
        Span<int> ranks = stackalloc int[levels.Length * 2];
        var rankCount = Ranks(levels, reps, ranks);
        ranks = ranks[..rankCount];

        for (var block = 0; block < blocks; block++)
        {
            if (!siiClosed || needRiiSim)
            {
                var siiStar = siiClosed ? Span<double>.Empty : ws.Sii.AsSpan(0, reps);
                var riiStar = needRiiSim ? ws.Rii.AsSpan(0, reps) : Span<double>.Empty;
                if (linear)
                {
                    SimulateLinear(model, scale, mult, l00, l10, l11, siiStar, riiStar, ws, ref rng);
                }
                else
                {
                    SimulateNonLinear(model, type, scale, mult, siiStar, riiStar, ws, ref rng);
                }

                if (!siiStar.IsEmpty)
                {
                    Selection.SelectRanks(siiStar, ranks);
                }

                if (!riiStar.IsEmpty)
                {
                    Selection.SelectRanks(riiStar, ranks);
                }
            }

            for (var c = 0; c < levels.Length; c++)
            {
                var q = levels[c] + (1 - levels[c]) / 2;
                double lo, hi;
                if (siiClosed)
                {
                    var mean = scale * model.Beta1;
                    var sd = Math.Abs(scale) * Math.Sqrt(v11);
                    lo = mean + sd * Distributions.NormalQuantile(1 - q);
                    hi = mean + sd * Distributions.NormalQuantile(q);
                }
                else
                {
                    lo = ws.Sii[RankLow(reps, q)];
                    hi = ws.Sii[RankHigh(reps, q)];
                }

                if (transform)
                {
                    var mid = model.Beta0 + model.Beta1 / 2;
                    var swap = mult < 0;
                    var (first, second) = swap ? (hi, lo) : (lo, hi);
                    siiLimits[block, c, 0] = BackSii(type, mid, first, mult);
                    siiLimits[block, c, 1] = BackSii(type, mid, second, mult);
                    var r0 = BackRii(type, mid, first);
                    var r1 = BackRii(type, mid, second);
                    riiLimits[block, c, 0] = swap ? 1 / r0 : r0;
                    riiLimits[block, c, 1] = swap ? 1 / r1 : r1;
                }
                else
                {
                    siiLimits[block, c, 0] = lo;
                    siiLimits[block, c, 1] = hi;
                    if (riiClosed is not null)
                    {
                        riiLimits[block, c, 0] = riiClosed[2 * c];
                        riiLimits[block, c, 1] = riiClosed[2 * c + 1];
                    }
                    else if (needRiiSim)
                    {
                        riiLimits[block, c, 0] = ws.Rii[RankLow(reps, q)];
                        riiLimits[block, c, 1] = ws.Rii[RankHigh(reps, q)];
                    }
                }
            }
        }

        var siiIntervals = new ConfidenceInterval[levels.Length];
        var riiIntervals = options.Rii ? new ConfidenceInterval[levels.Length] : [];
        var reliability = options.ReliabilityStatistic ? new SiiReliability[levels.Length] : [];
        for (var c = 0; c < levels.Length; c++)
        {
            siiIntervals[c] = new ConfidenceInterval(levels[c], siiLimits[0, c, 0], siiLimits[0, c, 1]);
            if (options.Rii)
            {
                riiIntervals[c] = new ConfidenceInterval(levels[c], riiLimits[0, c, 0], riiLimits[0, c, 1]);
            }

            if (options.ReliabilityStatistic)
            {
                double siiMad = 0, riiMad = 0;
                for (var block = 1; block < blocks; block++)
                {
                    for (var side = 0; side < 2; side++)
                    {
                        siiMad += Math.Abs(siiLimits[block, c, side] - siiLimits[0, c, side]);
                        riiMad += Math.Abs(riiLimits[block, c, side] - riiLimits[0, c, side]);
                    }
                }

                var count = 2.0 * (blocks - 1);
                reliability[c] = new SiiReliability(levels[c], siiMad / count, options.Rii ? riiMad / count : double.NaN);
            }
        }

        return new SiiGroupResult(model.Key, sii, rii, intercept, siiIntervals, riiIntervals, reliability);
    }

    /// <summary>RII limits per level from the exact distribution of β1*/β0*, or null when it does not apply.</summary>
    internal static double[]? FiellerRii(double mu0, double mu1, double v00, double v01, double v11, double mult, double[] levels)
    {
        if (!(v00 > 0) || Math.Abs(mu0) / Math.Sqrt(v00) < 7.1)
        {
            return null;
        }

        if (mu0 < 0)
        {
            (mu0, mu1) = (-mu0, -mu1);
        }

        var limits = new double[2 * levels.Length];
        for (var c = 0; c < levels.Length; c++)
        {
            var q = levels[c] + (1 - levels[c]) / 2;
            var tLow = RatioQuantile(mu0, mu1, v00, v01, v11, Distributions.NormalQuantile(1 - q));
            var tHigh = RatioQuantile(mu0, mu1, v00, v01, v11, Distributions.NormalQuantile(q));
            if (!(1 + tLow > 0) || !(1 + tHigh > 0))
            {
                return null;
            }

            limits[2 * c] = mult < 0 ? 1 / (1 + tHigh) : 1 + tLow;
            limits[2 * c + 1] = mult < 0 ? 1 / (1 + tLow) : 1 + tHigh;
        }

        return limits;
    }

    private static double RatioQuantile(double mu0, double mu1, double v00, double v01, double v11, double z)
    {
        var z2 = z * z;
        var a = mu0 * mu0 - z2 * v00;
        var b = mu0 * mu1 - z2 * v01;
        var c = mu1 * mu1 - z2 * v11;
        var disc = b * b - a * c;
        return disc < 0 || a <= 0 ? double.NaN : (b + Math.Sign(z) * Math.Sqrt(disc)) / a;
    }

    private static double BackSii(SiiValueType type, double mid, double limit, double mult) =>
        (SiiGroupModel.Inverse(type, mid + limit / 2) - SiiGroupModel.Inverse(type, mid - limit / 2)) * mult;

    private static double BackRii(SiiValueType type, double mid, double limit) =>
        SiiGroupModel.Inverse(type, mid + limit / 2) / SiiGroupModel.Inverse(type, mid - limit / 2);

    /// <summary>0-based index of the lower limit: round-half-even(R(1 − q)) − 1, at least 0.</summary>
    internal static int RankLow(int reps, double q) => Math.Clamp((int)Math.Round(reps * (1 - q), MidpointRounding.ToEven), 1, reps) - 1;

    /// <summary>0-based index of the upper limit: round-half-even(R q) − 1.</summary>
    internal static int RankHigh(int reps, double q) => Math.Clamp((int)Math.Round(reps * q, MidpointRounding.ToEven), 1, reps) - 1;

    private static int Ranks(double[] levels, int reps, Span<int> ranks)
    {
        var count = 0;
        foreach (var level in levels)
        {
            var q = level + (1 - level) / 2;
            ranks[count++] = RankLow(reps, q);
            ranks[count++] = RankHigh(reps, q);
        }

        ranks = ranks[..count];
        ranks.Sort();
        var unique = 0;
        for (var i = 0; i < count; i++)
        {
            if (unique == 0 || ranks[i] != ranks[unique - 1])
            {
                ranks[unique++] = ranks[i];
            }
        }

        return unique;
    }

    private static void SimulateLinear(
        SiiGroupModel model, double scale, double mult, double l00, double l10, double l11,
        Span<double> siiStar, Span<double> riiStar, Workspace ws, ref Xoshiro256 rng)
    {
        var reps = Math.Max(siiStar.Length, riiStar.Length);
        var b0 = ws.B0.AsSpan(0, Chunk);
        var b1 = ws.B1.AsSpan(0, Chunk);
        for (var start = 0; start < reps; start += Chunk)
        {
            var n = Math.Min(Chunk, reps - start);
            var c0 = b0[..n];
            var c1 = b1[..n];
            if (riiStar.IsEmpty)
            {
                // Only β1* is needed: one normal per repetition.
                var z = ws.Normals.AsSpan(0, n);
                FillNormals(ref rng, z, ws);
                Affine(z, Math.Sqrt(l10 * l10 + l11 * l11), model.Beta1, c1);
            }
            else
            {
                var z = ws.Normals.AsSpan(0, 2 * n);
                FillNormals(ref rng, z, ws);
                var z1 = z[..n];
                var z2 = z[n..];
                Affine(z1, l00, model.Beta0, c0);
                Affine(z1, l10, model.Beta1, c1);
                TensorPrimitives.MultiplyAdd<double>(z2, l11, c1, c1);
                WriteRii(c0, c1, mult, riiStar.Slice(start, n), z1);
            }

            if (!siiStar.IsEmpty)
            {
                TensorPrimitives.Multiply<double>(c1, scale, siiStar.Slice(start, n));
            }
        }
    }

    private static void SimulateNonLinear(
        SiiGroupModel model, SiiValueType type, double scale, double mult, Span<double> siiStar, Span<double> riiStar,
        Workspace ws, ref Xoshiro256 rng)
    {
        var reps = Math.Max(siiStar.Length, riiStar.Length);
        for (var start = 0; start < reps; start += Chunk)
        {
            var n = Math.Min(Chunk, reps - start);
            var c0 = ws.B0.AsSpan(0, n);
            var c1 = ws.B1.AsSpan(0, n);
            c0.Clear();
            c1.Clear();
            var y = ws.Normals.AsSpan(0, n);
            for (var i = 0; i < model.Mu.Length; i++)
            {
                FillNormals(ref rng, y, ws);
                Affine(y, model.Se[i], model.Mu[i], y);
                if (type == SiiValueType.Rate)
                {
                    TensorPrimitives.Exp<double>(y, y);
                }
                else
                {
                    TensorPrimitives.Sigmoid<double>(y, y);
                }

                TensorPrimitives.MultiplyAdd<double>(y, model.W0[i], c0, c0);
                TensorPrimitives.MultiplyAdd<double>(y, model.W1[i], c1, c1);
            }

            if (!riiStar.IsEmpty)
            {
                WriteRii(c0, c1, mult, riiStar.Slice(start, n), y);
            }

            if (!siiStar.IsEmpty)
            {
                TensorPrimitives.Multiply<double>(c1, scale, siiStar.Slice(start, n));
            }
        }
    }

    private static void Affine(ReadOnlySpan<double> x, double a, double b, Span<double> destination)
    {
        TensorPrimitives.Multiply<double>(x, a, destination);
        TensorPrimitives.Add<double>(destination, b, destination);
    }

    private static void WriteRii(Span<double> b0, Span<double> b1, double mult, Span<double> destination, Span<double> scratch)
    {
        var top = scratch[..b0.Length];
        TensorPrimitives.Add<double>(b0, b1, top);
        if (mult < 0)
        {
            TensorPrimitives.Divide<double>(b0, top, destination);
        }
        else
        {
            TensorPrimitives.Divide<double>(top, b0, destination);
        }
    }

    /// <summary>Standard normals by the ziggurat method.</summary>
    internal static void FillNormals(ref Xoshiro256 rng, Span<double> destination, Workspace ws) => Ziggurat.Fill(ref rng, destination);

    internal sealed class Workspace : IDisposable
    {
        public Workspace(int reps)
        {
            Sii = ArrayPool<double>.Shared.Rent(reps);
            Rii = ArrayPool<double>.Shared.Rent(reps);
            B0 = ArrayPool<double>.Shared.Rent(Chunk);
            B1 = ArrayPool<double>.Shared.Rent(Chunk);
            Normals = ArrayPool<double>.Shared.Rent(2 * Chunk);
            U1 = ArrayPool<double>.Shared.Rent(Chunk);
            U2 = ArrayPool<double>.Shared.Rent(Chunk);
            Sin = ArrayPool<double>.Shared.Rent(Chunk);
            Cos = ArrayPool<double>.Shared.Rent(Chunk);
        }

        public double[] Sii { get; }

        public double[] Rii { get; }

        public double[] B0 { get; }

        public double[] B1 { get; }

        public double[] Normals { get; }

        public double[] U1 { get; }

        public double[] U2 { get; }

        public double[] Sin { get; }

        public double[] Cos { get; }

        public void Dispose()
        {
            foreach (var array in new[] { Sii, Rii, B0, B1, Normals, U1, U2, Sin, Cos })
            {
                ArrayPool<double>.Shared.Return(array);
            }
        }
    }
}
