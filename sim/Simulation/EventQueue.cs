namespace VrrpLab.Sim.Simulation;

/// <summary>
/// The simulator's event queue: events leave in (time, sequence) order, the sequence being the order
/// in which they were scheduled, exactly as a <see cref="PriorityQueue{TElement, TPriority}"/> keyed
/// by (time, sequence) would give them. Two things make it cheaper per event:
/// <list type="bullet">
/// <item>The binary heap holds only (time, sequence, slot) with no object reference, so moving
/// entries up and down needs no GC write barrier and the comparison is inlined; the events sit in a
/// slot array and are written once.</item>
/// <item>An event scheduled for the instant being processed (a script's result, a wake-up due now)
/// goes to a FIFO instead of the heap. The FIFO is in (time, sequence) order by construction (it
/// only takes an event whose time is not before its last one's, and sequences only grow), so the
/// next event is the smaller of the FIFO's head and the heap's root: the same order as one heap.</item>
/// </list>
/// </summary>
internal sealed class EventQueue
{
    private Entry[] _heap = new Entry[16];
    private int _count;
    private SimEvent[] _slots = new SimEvent[16];
    private int[] _free = new int[16];
    private int _freeCount;
    private int _slotCount;

    private (long Time, long Seq, SimEvent Event)[] _fifo = new (long, long, SimEvent)[4];
    private int _fifoHead;
    private int _fifoCount;
    private long _fifoTailTime = long.MinValue;

    private long _seq;
    private long _current = long.MinValue;

    /// <summary>Events queued.</summary>
    public int Count => _count + _fifoCount;

    /// <summary>Whether an event is queued for <paramref name="time"/> or earlier.</summary>
    public bool HasEventAt(long time) => (_fifoCount > 0 && _fifo[_fifoHead].Time <= time) || (_count > 0 && _heap[0].Time <= time);

    /// <summary>Schedules <paramref name="e"/> at <paramref name="time"/>, after every event already scheduled at that time.</summary>
    public void Enqueue(long time, SimEvent e)
    {
        long seq = _seq++;
        if (time == _current && (_fifoCount == 0 || _fifoTailTime <= time))
        {
            if (_fifoCount == _fifo.Length)
            {
                GrowFifo();
            }

            _fifo[(_fifoHead + _fifoCount) % _fifo.Length] = (time, seq, e);
            _fifoCount++;
            _fifoTailTime = time;
            return;
        }

        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
        }
        else
        {
            if (_slotCount == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
                Array.Resize(ref _free, _slots.Length);
            }

            slot = _slotCount++;
        }

        _slots[slot] = e;
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        SiftUp(_count++, new Entry(time, seq, slot));
    }

    /// <summary>Takes the next event if its time is at most <paramref name="end"/>.</summary>
    public bool TryDequeue(long end, out SimEvent e, out long time)
    {
        bool fromFifo;
        if (_fifoCount == 0)
        {
            fromFifo = false;
        }
        else if (_count == 0)
        {
            fromFifo = true;
        }
        else
        {
            ref (long Time, long Seq, SimEvent Event) f = ref _fifo[_fifoHead];
            ref Entry h = ref _heap[0];
            fromFifo = f.Time < h.Time || (f.Time == h.Time && f.Seq < h.Seq);
        }

        if (fromFifo)
        {
            ref (long Time, long Seq, SimEvent Event) f = ref _fifo[_fifoHead];
            if (f.Time > end)
            {
                e = default;
                time = 0;
                return false;
            }

            time = f.Time;
            e = f.Event;
            f = default;
            _fifoHead = (_fifoHead + 1) % _fifo.Length;
            _fifoCount--;
            _current = time;
            return true;
        }

        if (_count == 0 || _heap[0].Time > end)
        {
            e = default;
            time = 0;
            return false;
        }

        Entry root = _heap[0];
        time = root.Time;
        e = _slots[root.Slot];
        _slots[root.Slot] = default;
        _free[_freeCount++] = root.Slot;
        _count--;
        if (_count > 0)
        {
            SiftDown(_heap[_count]);
        }

        _current = time;
        return true;
    }

    private void GrowFifo()
    {
        var bigger = new (long, long, SimEvent)[_fifo.Length * 2];
        for (int i = 0; i < _fifoCount; i++)
        {
            bigger[i] = _fifo[(_fifoHead + i) % _fifo.Length];
        }

        _fifo = bigger;
        _fifoHead = 0;
    }

    // The NativeAOT build (no profile-guided inlining) otherwise calls it per comparison.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Seq < b.Seq);

    private void SiftUp(int i, Entry x)
    {
        Entry[] heap = _heap;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(x, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = x;
    }

    /// <summary>Places <paramref name="x"/> (the former last entry) from the root down.</summary>
    private void SiftDown(Entry x)
    {
        Entry[] heap = _heap;
        int n = _count;
        int i = 0;
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && Less(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Less(heap[child], x))
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = x;
    }

    private readonly record struct Entry(long Time, long Seq, int Slot);
}
