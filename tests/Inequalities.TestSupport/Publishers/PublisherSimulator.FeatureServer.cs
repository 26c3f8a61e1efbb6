using Microsoft.AspNetCore.Http;

namespace Inequalities.TestSupport.Publishers;

public sealed partial class PublisherSimulator
{
    private static SimulatedResponse FeatureServer(string path, IQueryCollection query)
    {
        _ = path;
        _ = query;
        return SimulatedResponse.NotFound;
    }
}
