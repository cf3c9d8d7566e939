using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Native;
using VrrpLab.RealNet.Netlink;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Watches carrier changes of the daemon's interfaces through an RTNLGRP_LINK subscription and
/// posts a <see cref="LinkInput"/> to the event loop when one goes up or down (IFF_UP and
/// IFF_RUNNING, as keepalived reads link state). Its thread sleeps in <c>ppoll</c> on the socket and a
/// stop eventfd: an idle daemon never wakes for it (a receive timeout woke it four times a second).
/// </summary>
internal sealed class LinkMonitor : IDisposable
{
    private readonly RouteNetlinkSocket _socket;
    private readonly Dictionary<int, (string Name, bool Up)> _links;
    private readonly DaemonInbox _inputs;
    private readonly Thread _thread;
    private readonly StopSignal _stop;
    private bool _started;

    /// <summary>Creates the monitor (not yet started) for interfaces by ifindex with their current state.</summary>
    public LinkMonitor(RouteNetlinkSocket socket, IReadOnlyDictionary<int, (string Name, bool Up)> links, DaemonInbox inputs)
    {
        _socket = socket;
        _links = links.ToDictionary(k => k.Key, v => v.Value);
        _inputs = inputs;
        _stop = new StopSignal();
        _thread = new Thread(Run) { IsBackground = true, Name = "vrrplab link monitor" };
    }

    /// <summary>
    /// A configuration reload names <paramref name="name"/> (ifindex <paramref name="index"/>, now
    /// <paramref name="up"/>): watch it too. Any thread.
    /// </summary>
    public void Watch(int index, string name, bool up)
    {
        lock (_links)
        {
            _links.TryAdd(index, (name, up));
        }
    }

    /// <summary>Starts watching.</summary>
    public void Start()
    {
        _thread.Start();
        _started = true;
    }

    private unsafe void Run()
    {
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        while (!_stop.Raised)
        {
            fds[0] = new Libc.PollFd { Fd = _socket.Fd, Events = Libc.PollIn };
            fds[1] = new Libc.PollFd { Fd = _stop.Fd, Events = Libc.PollIn };
            if (Libc.PPoll(fds, 2, null, 0) < 0 || _stop.Raised || (fds[0].ReturnedEvents & Libc.PollIn) == 0)
            {
                continue;
            }

            foreach (LinkStatus link in _socket.ReceiveLinkNotifications())
            {
                lock (_links)
                {
                    if (_links.TryGetValue(link.Index, out var known) && known.Up != link.Running)
                    {
                        _links[link.Index] = (known.Name, link.Running);
                        _inputs.Post(new LinkInput(known.Name, link.Running));
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Stop(_started ? _thread : null);
        _stop.Dispose();
        _socket.Dispose();
    }
}
