using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;
using static VrrpLab.Sim.Tests.TestScenarios;

namespace VrrpLab.Sim.Tests.Simulation;

public class SmokeTests
{
    [Test]
    public void Prints_a_trace()
    {
        var sc = TwoNodes(S(20), [At(10, new VrrpLab.Sim.Scenarios.StopAction(Names("node1")))]);
        SimulationResult r = new Simulator(sc).Run();
        TestContext.Out.WriteLine(TraceJsonl.ToText(r.Trace.Where(e => e.Kind != TraceKind.AdvertTx && e.Kind != TraceKind.AdvertRx)));
    }
}
