using VrrpLab.Engine.StateMachine;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>
/// track_process matching (keepalived 2.2.7 track_process.c check_process/check_params) and the
/// quorum with its delays (check_process_fork, check_process_termination and their timers).
/// </summary>
public sealed class TrackProcessTests
{
    private static bool Match(TrackedProcess p, string comm, string cmdline) =>
        ProcessMatch.Matches(p, Encoding.UTF8.GetBytes(comm), Encoding.UTF8.GetBytes(cmdline.Replace(' ', '\0') + "\0"));

    [TestCase("nginx", "nginx", "/usr/sbin/nginx -g daemon", true)]
    [TestCase("nginx", "nginx-worker", "nginx", false)]
    [TestCase("sleep", "sleep", "/bin/sleep 5", true)]
    public void Without_full_command_the_process_name_is_compared(string process, string comm, string cmdline, bool expected) =>
        Assert.That(Match(new TrackedProcess("p", process), comm, cmdline), Is.EqualTo(expected));

    [TestCase("/bin/sleep", "sleep", "/bin/sleep 5", true)]
    [TestCase("sleep", "sleep", "/bin/sleep 5", false)]
    public void Full_command_compares_the_first_word_of_the_command_line(string process, string comm, string cmdline, bool expected) =>
        Assert.That(Match(new TrackedProcess("p", process, FullCommand: true), comm, cmdline), Is.EqualTo(expected));

    [TestCase(ParamMatch.Exact, "sleep 4242.5", true)]
    [TestCase(ParamMatch.Exact, "sleep 4242.5 x", false)]
    [TestCase(ParamMatch.Exact, "sleep 4242", false)]
    [TestCase(ParamMatch.Partial, "sleep 4242.5 x", true)]
    [TestCase(ParamMatch.Partial, "sleep 4242.55", false)]
    [TestCase(ParamMatch.Initial, "sleep 4242.55", true)]
    [TestCase(ParamMatch.Initial, "sleep 4243", false)]
    public void Parameters_are_compared_word_by_word(ParamMatch match, string cmdline, bool expected) =>
        Assert.That(Match(new TrackedProcess("p", "sleep", ["4242.5"], match, FullCommand: true), "sleep", cmdline), Is.EqualTo(expected));

    [Test]
    public void Param_match_without_parameters_wants_none() =>
        Assert.That(
            (Match(new TrackedProcess("p", "sleep", [], ParamMatch.Exact, FullCommand: true), "sleep", "sleep"),
             Match(new TrackedProcess("p", "sleep", [], ParamMatch.Exact, FullCommand: true), "sleep", "sleep 5")),
            Is.EqualTo((true, false)));

    [Test]
    public void The_quorum_follows_the_count_at_once_without_delays()
    {
        var q = new ProcessQuorum(new TrackedProcess("p", "x", Quorum: 2, QuorumMax: 3));
        q.Initialise(0);
        Assert.That(q.HaveQuorum, Is.False);
        Assert.That(q.Update(1, false, 0), Is.Null);
        Assert.That(q.Update(2, false, 1), Is.True);
        Assert.That(q.Update(3, false, 2), Is.Null);
        Assert.That(q.Update(4, false, 3), Is.False, "above quorum_max is lost too");
        Assert.That(q.Update(3, false, 4), Is.True);
    }

    [Test]
    public void Terminate_delay_postpones_a_loss_and_a_return_within_it_is_no_change()
    {
        var q = new ProcessQuorum(new TrackedProcess("p", "x", TerminateDelay: Duration.FromSeconds(2)));
        q.Initialise(1);
        Assert.That(q.Update(0, false, 1_000_000), Is.Null);
        Assert.That(q.DueAt, Is.EqualTo(3_000_000));
        Assert.That(q.Expire(2_999_999), Is.Null);
        Assert.That(q.Update(1, false, 2_500_000), Is.Null, "back within the delay: never lost");
        Assert.That((q.HaveQuorum, q.DueAt), Is.EqualTo((true, (long?)null)));
        Assert.That(q.Update(0, false, 4_000_000), Is.Null);
        Assert.That(q.Expire(6_000_000), Is.False);
    }

    [Test]
    public void Fork_delay_postpones_a_gain_by_a_fork_but_not_by_an_exec()
    {
        var p = new TrackedProcess("p", "x", ForkDelay: Duration.FromSeconds(1));
        var q = new ProcessQuorum(p);
        q.Initialise(0);
        Assert.That(q.Update(1, forked: false, 0), Is.True, "a new exec counts at once");
        var f = new ProcessQuorum(p with { Quorum = 2 });
        f.Initialise(1);
        Assert.That(f.Update(2, forked: true, 0), Is.Null);
        Assert.That(f.Expire(1_000_000), Is.True);
    }
}
