// The namespace tests run their commands and clean up with the lab's implementation (lab/Host): one
// Shell and one CommandResult for both, failing with a LabException that names the command.
global using CommandResult = VrrpLab.Lab.Host.CommandResult;
global using Shell = VrrpLab.Lab.Host.Shell;
