namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>
/// Every instance on a thread fires through one Stateless machine (defined once per thread): an
/// instance's state and transitions must not depend on which other instances, on this thread or on
/// others, are driven in between.
/// </summary>
public sealed class SharedMachineTests
{
    /// <summary>A life with every kind of state change: BACKUP, MASTER, back to BACKUP on a higher advert, MASTER on its resignation, STOP.</summary>
    private static List<string> Life(RouterHarness h, Action? between = null)
    {
        h.Start();
        between?.Invoke();
        h.RunUntil(T.S(5));
        between?.Invoke();
        h.Receive(T.S(6), 200);
        between?.Invoke();
        h.Receive(T.S(7), 0);
        between?.Invoke();
        h.RunUntil(T.S(12));
        h.Shutdown(T.S(13));
        return [.. h.Effects.Select(e => $"{e.At} {e.Effect}")];
    }

    [Test]
    public void Interleaved_instances_on_one_thread_keep_their_own_states()
    {
        List<string> alone = Life(new RouterHarness(RouterHarness.Config(priority: 100)));

        // A second router, driven between every step of the first, always in another state.
        var other = new RouterHarness(RouterHarness.Config(priority: 150, nopreempt: true));
        other.Start();
        int step = 0;
        List<string> interleaved = Life(new RouterHarness(RouterHarness.Config(priority: 100)), () =>
        {
            step++;
            other.RunUntil(T.S(step * 3));
            other.Receive(T.S((step * 3) + 1), step % 2 == 0 ? (byte)250 : (byte)0);
        });

        Assert.That(interleaved, Is.EqualTo(alone));
        Assert.That(other.Effects.Count(e => e.Effect is StateChanged), Is.GreaterThanOrEqualTo(3), "the other router changed state in between");
    }

    [Test]
    public void Instances_on_several_threads_at_once_keep_their_own_states()
    {
        List<string> alone = Life(new RouterHarness(RouterHarness.Config(priority: 100)));
        var lives = new List<string>[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            for (int round = 0; round < 50; round++)
            {
                lives[k] = Life(new RouterHarness(RouterHarness.Config(priority: 100)));
            }
        });

        Assert.That(lives, Is.All.EqualTo(alone));
    }
}
