using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Inequalities.Charts;

/// <summary>Tick generators for axes whose limits reach past the data (room for tags) or whose scale is transformed.</summary>
internal static class AxisTicks
{
    /// <summary>ScottPlot's automatic ticks, leaving out those below <paramref name="min"/> (e.g. no negative count in the room left below zero).</summary>
    public static ITickGenerator From(double min) => new Bounded(min);

    /// <summary>
    /// Ticks of an axis drawn on a square-root scale: at the square root of 0 and of 1, 2 and 5 times the powers of ten up
    /// from 1 (or, below 10, a tenth of <paramref name="max"/>'s power of ten; from 1,000, a hundredth of it) to the first at
    /// or above it, labelled with the value itself; a tick closer to the one below it than 6% of the axis is left out.
    /// </summary>
    public static ITickGenerator SquareRoot(double max)
    {
        max = double.IsFinite(max) && max > 0 ? max : 1;
        var minimumSpacing = 0.06 * Math.Sqrt(max);
        var magnitude = Math.Floor(Math.Log10(max));
        var ticks = new List<Tick> { Tick.Major(0, "0") };
        var last = 0.0;
        for (var power = Math.Pow(10, Math.Min(magnitude - 1, Math.Max(magnitude - 2, 0))); ; power *= 10)
        {
            foreach (var step in (ReadOnlySpan<double>)[1, 2, 5])
            {
                var value = step * power;
                var position = Math.Sqrt(value);
                if (position - last >= minimumSpacing)
                {
                    ticks.Add(Tick.Major(position, value.ToString("0.###", CultureInfo.InvariantCulture)));
                    last = position;
                }

                if (value >= max)
                {
                    return new NumericManual([.. ticks]);
                }
            }
        }
    }

    private sealed class Bounded(double min) : ITickGenerator
    {
        private readonly NumericAutomatic _automatic = new();

        public Tick[] Ticks { get; set; } = [];

        public int MaxTickCount
        {
            get => _automatic.MaxTickCount;
            set => _automatic.MaxTickCount = value;
        }

        public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
        {
            _automatic.Regenerate(range, edge, size, paint, labelStyle);
            var tolerance = 1e-9 * Math.Max(1, Math.Abs(range.Span));
            Ticks = [.. _automatic.Ticks.Where(t => t.Position >= min - tolerance)];
        }
    }
}
