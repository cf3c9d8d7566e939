using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Scripts;

namespace VrrpLab.RealNet.Daemon;

/// <summary>A tracked script run ended (posted to the event loop by the script host).</summary>
internal sealed record ScriptCheckFinished(string Script, ScriptOutcome Outcome) : RouterInput;
