using System.CommandLine;
using Inequalities.Charts;
using Inequalities.Lake;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Worker.Commands;

/// <summary><c>inequalities plot &lt;chart&gt;</c>: one chart of the current snapshot to PNG or SVG.</summary>
internal static class PlotCommand
{
    private static readonly string[] ChartNames = ["gradient", "asset-need", "asset-map", "choropleth", "district-summary", "trend"];

    public static Command Create()
    {
        var chart = new Argument<string>("chart") { Description = "The chart: " + string.Join(", ", ChartNames) + "." };
        chart.AcceptOnlyFromAmong(ChartNames);
        var lake = CommonOptions.Lake();
        var output = new Option<FileInfo>("--output") { Description = "The image to write: FILE.png or FILE.svg.", Required = true };
        var indicator = new Option<string>("--indicator") { Description = "gradient, trend: the indicator_id." };
        var source = new Option<string>("--source") { Description = "gradient, trend: the source_id, when two sources publish the indicator." };
        var area = new Option<string>("--area") { Description = "The area code (a district, combined authority or region).", DefaultValueFactory = _ => ChartOptionsBase.LiverpoolCityRegion };
        var basis = new Option<string>("--basis") { Description = "gradient, trend: the deprivation basis, e.g. iod2019/imd/national (default: the first)." };
        var period = new Option<string>("--period") { Description = "gradient: the period (default: the last)." };
        var quantiles = new Option<int>("--quantiles") { Description = "gradient: the number of quantiles.", DefaultValueFactory = _ => 10 };
        var table = new Option<string>("--table") { Description = "choropleth: the LSOA-level table.", DefaultValueFactory = _ => TableNames.Deprivation };
        var column = new Option<string>("--column") { Description = "choropleth: the numeric column.", DefaultValueFactory = _ => DeprivationColumns.Score };
        var filter = new Option<string[]>("--filter") { Description = "choropleth: keep rows where COLUMN=VALUE (repeatable; default index_id=iod2025 and domain=imd for the deprivation table)." };
        var boundaries = new Option<FileInfo>("--boundaries") { Description = "choropleth, asset-map: a GeoJSON of LSOA boundaries (default: the boundary sources in the lake's raw cache)." };
        var indices = new Option<string>("--indices") { Description = "district-summary: the indices side by side, comma-separated.", DefaultValueFactory = _ => "iod2019,iod2025" };
        var domain = new Option<string>("--domain") { Description = "district-summary: the domain.", DefaultValueFactory = _ => "imd" };
        var districtIndex = new Option<string>("--district-index") { Description = "trend (district indicators): the index whose district ranks make the quintiles.", DefaultValueFactory = _ => "iod2019" };
        var measure = new Option<string>("--measure") { Description = "trend: quintiles (the indicator by deprivation quintile over periods) or sii (the slope index of inequality with its interval over periods, or across deprivation bases).", DefaultValueFactory = _ => "quintiles" };
        measure.AcceptOnlyFromAmong("quintiles", "sii");
        var method = new Option<string>("--method") { Description = "trend --measure sii: the gradient method, quantile or lsoa.", DefaultValueFactory = _ => "quantile" };
        method.AcceptOnlyFromAmong("quantile", "lsoa");
        var width = new Option<int>("--width") { Description = "The width in pixels.", DefaultValueFactory = _ => 900 };
        var height = new Option<int>("--height") { Description = "The height in pixels.", DefaultValueFactory = _ => 600 };
        var title = new Option<string>("--title") { Description = "A title replacing the chart's own." };
        var command = new Command("plot", "Draw a chart of the current snapshot to PNG or SVG.")
        {
            chart, lake, output, indicator, source, area, basis, period, quantiles, table, column, filter, boundaries, indices, domain, districtIndex, measure, method, width, height, title,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(output)!;
            if (!file.Extension.Equals(".png", StringComparison.OrdinalIgnoreCase) && !file.Extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"--output '{file.Name}' must end in .png or .svg.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            try
            {
                var snapshot = LakeSnapshot.OpenCurrent(parse.GetValue(lake)!.FullName);
                var (w, h, t) = (parse.GetValue(width), parse.GetValue(height), parse.GetValue(title));
                var result = parse.GetValue(chart) switch
                {
                    "gradient" => await Charts.Charts.GradientAsync(snapshot, new GradientChartOptions
                    {
                        IndicatorId = parse.GetValue(indicator) ?? string.Empty, SourceId = parse.GetValue(source), AreaCode = parse.GetValue(area)!,
                        Basis = parse.GetValue(basis), Period = parse.GetValue(period), QuantileCount = parse.GetValue(quantiles), Width = w, Height = h, Title = t,
                    }, cancellationToken).ConfigureAwait(false),
                    "asset-need" => await Charts.Charts.AssetNeedAsync(snapshot, new AssetNeedChartOptions
                    {
                        AreaCode = parse.GetValue(area)!, Width = w, Height = h, Title = t,
                    }, cancellationToken).ConfigureAwait(false),
                    "asset-map" => await Charts.Charts.AssetNeedMapAsync(snapshot, new AssetNeedMapChartOptions
                    {
                        AreaCode = parse.GetValue(area)!, BoundaryPath = parse.GetValue(boundaries)?.FullName, Width = w, Height = h, Title = t,
                    }, cancellationToken).ConfigureAwait(false),
                    "choropleth" => await Charts.Charts.ChoroplethAsync(snapshot, Choropleth(parse.GetValue(table)!, parse.GetValue(column)!, parse.GetValue(filter)) with
                    {
                        AreaCode = parse.GetValue(area)!, BoundaryPath = parse.GetValue(boundaries)?.FullName, Width = w, Height = h, Title = t,
                    }, cancellationToken).ConfigureAwait(false),
                    "district-summary" => await Charts.Charts.DistrictSummaryAsync(snapshot, new DistrictSummaryChartOptions
                    {
                        AreaCode = parse.GetValue(area)!, Domain = parse.GetValue(domain)!, Width = w, Height = h, Title = t,
                        Indices = parse.GetValue(indices)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    }, cancellationToken).ConfigureAwait(false),
                    _ => await Charts.Charts.TrendAsync(snapshot, new TrendChartOptions
                    {
                        IndicatorId = parse.GetValue(indicator) ?? string.Empty, SourceId = parse.GetValue(source), AreaCode = parse.GetValue(area)!,
                        Basis = parse.GetValue(basis), DistrictIndex = parse.GetValue(districtIndex)!, Width = w, Height = h, Title = t,
                        Measure = parse.GetValue(measure) == "sii" ? TrendMeasure.Sii : TrendMeasure.Quintiles, Method = parse.GetValue(method)!,
                    }, cancellationToken).ConfigureAwait(false),
                };
                result.Save(file.FullName);
                await Console.Out.WriteLineAsync($"Wrote {result.Title.ReplaceLineEndings(" ")} ({result.Width}x{result.Height}) to {file.FullName}").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException or InvalidDataException or FormatException)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    private static ChoroplethChartOptions Choropleth(string table, string column, string[]? filters)
    {
        var options = new ChoroplethChartOptions { Table = table, Column = column };
        if (filters is null || filters.Length == 0)
        {
            // The default filters belong to the default table.
            return table == options.Table && table == TableNames.Deprivation ? options : options with { Filters = new Dictionary<string, string>(StringComparer.Ordinal) };
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in filters)
        {
            var eq = f.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"--filter '{f}' must be COLUMN=VALUE.");
            }

            map[f[..eq]] = f[(eq + 1)..];
        }

        return options with { Filters = map };
    }
}
