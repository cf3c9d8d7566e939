namespace VrrpLab.Config;

/// <summary>How bad a <see cref="ConfigDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>keepalived would refuse the file or drop the instance (e.g. no <c>virtual_router_id</c>, unbalanced braces).</summary>
    Error,

    /// <summary>keepalived logs it and carries on, often with a changed value (<c>keepalived -t</c> fails on it).</summary>
    Warning,

    /// <summary>Informational: something valid for keepalived that VrrpLab does not model (e.g. a skipped <c>virtual_server</c>).</summary>
    Notice,
}
