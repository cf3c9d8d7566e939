using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Netlink;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Watches carrier changes of the daemon's interfaces through an RTNLGRP_LINK subscription and
/// posts a <see cref="LinkInput"/> to the event loop when one goes up or down (IFF_UP and
/// IFF_RUNNING, as keepalived reads link state).
/// </summary>
internal sealed class LinkMonitor : IDisposable
{
    private readonly RouteNetlinkSocket _socket;
    private readonly Dictionary<int, (string Name, bool Up)> _links;
    private readonly DaemonInbox _inputs;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private bool _started;

    /// <summary>Creates the monitor (not yet started) for interfaces by ifindex with their current state.</summary>
    public LinkMonitor(RouteNetlinkSocket socket, IReadOnlyDictionary<int, (string Name, bool Up)> links, DaemonInbox inputs)
    {
        _socket = socket;
        _links = links.ToDictionary(k => k.Key, v => v.Value);
        _inputs = inputs;
        _thread = new Thread(Run) { IsBackground = true, Name = "vrrplab link monitor" };
    }

    /// <summary>Starts watching.</summary>
    public void Start()
    {
        _thread.Start();
        _started = true;
    }

    private void Run()
    {
        while (!_stopping)
        {
            foreach (LinkStatus link in _socket.ReceiveLinkNotifications())
            {
                if (_links.TryGetValue(link.Index, out var known) && known.Up != link.Running)
                {
                    _links[link.Index] = (known.Name, link.Running);
                    _inputs.Post(new LinkInput(known.Name, link.Running));
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        if (_started)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }

        _socket.Dispose();
    }
}
