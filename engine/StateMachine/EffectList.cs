using System.Collections;
using System.Runtime.CompilerServices;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The router's effect buffer: what one call returns, valid until the next call. A list of its own rather
/// than <see cref="List{T}"/> because it is cleared on every call, usually holding one or two effects:
/// <see cref="List{T}.Clear"/> calls <see cref="Array.Clear(Array, int, int)"/> for that, which in the
/// NativeAOT build cost as much as the rest of a script result's handling. Drivers that care (the simulator)
/// test for this type and index it directly; others read it as an <see cref="IReadOnlyList{T}"/>.
/// The effects sit in a struct array: storing into an <c>Effect[]</c> pays the covariant array store
/// check (a call per store in the NativeAOT build), a struct field only the write barrier.
/// </summary>
public sealed class EffectList : IReadOnlyList<Effect>
{
    private Slot[] _items = new Slot[8];
    private int _count;

    /// <inheritdoc/>
    public int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _count;
    }

    /// <inheritdoc/>
    public Effect this[int index]
    {
        // Inlined into the simulator's loop (the NativeAOT build does not inline across assemblies unasked).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (uint)index < (uint)_count ? _items[index].Effect : Throw(index);
    }

    /// <inheritdoc/>
    public IEnumerator<Effect> GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return _items[i].Effect;
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(Effect effect)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++].Effect = effect;
    }

    /// <summary>Empties the buffer (the references are dropped, so nothing is kept alive past the next call).</summary>
    internal void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            _items[i].Effect = null!;
        }

        _count = 0;
    }

    private static Effect Throw(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "past the effects of the last call");

    private struct Slot
    {
        public Effect Effect;
    }
}
