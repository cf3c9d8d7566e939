// One SourceLocation and one DiagnosticSeverity for configuration files and scenario files.
global using DiagnosticSeverity = VrrpLab.Config.DiagnosticSeverity;
global using SourceLocation = VrrpLab.Config.SourceLocation;
