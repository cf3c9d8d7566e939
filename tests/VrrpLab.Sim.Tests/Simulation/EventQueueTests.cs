namespace VrrpLab.Sim.Tests.Simulation;

public class EventQueueTests
{
    /// <summary>
    /// The queue gives events in exactly the (time, scheduling order) order of a priority queue keyed
    /// by (time, sequence), also when events are scheduled for the instant being processed (its FIFO).
    /// </summary>
    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Events_leave_in_time_then_scheduling_order_like_a_priority_queue(ulong seed)
    {
        var rnd = new SimRandom(seed);
        var queue = new EventQueue();
        var reference = new PriorityQueue<SimEvent, (long Time, long Seq)>();
        long seq = 0;
        long now = 0;
        int id = 0;

        void Push(long time)
        {
            var e = new SimEvent(SimEventType.Wake, 0, 0, id++, 0, null);
            queue.Enqueue(time, e);
            reference.Enqueue(e, (time, seq++));
        }

        for (int i = 0; i < 2000; i++)
        {
            Push((long)rnd.Below(1000));
        }

        int taken = 0;
        while (reference.Count > 0 && taken < 1_000_000)
        {
            reference.TryDequeue(out SimEvent expected, out (long Time, long Seq) key);
            Assert.That(queue.TryDequeue(long.MaxValue, out SimEvent got, out long time), Is.True);
            Assert.That((time, got.Index), Is.EqualTo((key.Time, expected.Index)), $"event {taken}");
            now = time;
            taken++;

            // The simulator keeps an event for this instant out of the queue only when nothing else is
            // queued for it (Simulator.PushNow): the answer must be the reference queue's.
            bool dueNow = reference.TryPeek(out _, out (long Time, long Seq) head) && head.Time <= now;
            Assert.That(queue.HasEventAt(now), Is.EqualTo(dueNow), $"after event {taken}");
            if (taken < 15_000)
            {
                // Now (the FIFO), soon, or later; sometimes none, sometimes several.
                int pushes = (int)rnd.Below(3);
                for (int p = 0; p < pushes; p++)
                {
                    ulong kind = rnd.Below(3);
                    Push(kind == 0 ? now : kind == 1 ? now + (long)rnd.Below(3) : now + (long)rnd.Below(1000));
                }
            }
        }

        Assert.That(taken, Is.GreaterThan(15_000));
        Assert.That(queue.Count, Is.EqualTo(0));
        Assert.That(queue.TryDequeue(long.MaxValue, out _, out _), Is.False);
    }

    [Test]
    public void An_event_after_the_end_stays_queued()
    {
        var queue = new EventQueue();
        queue.Enqueue(5, new SimEvent(SimEventType.Wake, 0, 0, 1, 0, null));
        Assert.That(queue.TryDequeue(4, out _, out _), Is.False);
        Assert.That(queue.TryDequeue(5, out SimEvent e, out long t), Is.True);
        Assert.That((t, e.Index), Is.EqualTo((5L, 1)));
    }

    [Test]
    public void A_component_named_in_parts_gets_the_stream_of_its_whole_name()
    {
        SimRandom whole = SimRandom.ForComponent(42, "client/lan/10.0.0.100");
        SimRandom parts = SimRandom.ForComponent(42, "client/", "lan", "/", "10.0.0.100");
        SimRandom other = SimRandom.ForComponent(42, "client/", "lan", "/", "10.0.0.101");
        ulong first = whole.NextUInt64();
        Assert.That(parts.NextUInt64(), Is.EqualTo(first));
        Assert.That(other.NextUInt64(), Is.Not.EqualTo(first));
    }
}
