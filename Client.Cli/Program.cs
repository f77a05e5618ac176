using System.CommandLine;
using Vtr.Cli.Commands;
using Vtr.Cli.FileSafety;
using Vtr.Native.Posix;

// Before any codec runs: keeps a node's memory flat however many segment sessions it opens (see NativeHeapTuning), and
// spares each segment's encoder the kernel zeroing its buffers in whole huge pages (see TransparentHugePages).
NativeHeapTuning.FixMmapThreshold();
TransparentHugePages.DisableForThisProcess();

var scratch = new ScratchPaths();
using var interrupts = InterruptHandler.Install(scratch);
// Ctrl-C is ours (InterruptHandler); System.CommandLine's handler would only wait, then let the process die unclean,
// and its exception handler turns an interrupted command into a silent exit code 1 (VtrCommandLine maps it to 130).
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
return await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(scratch, interrupts), args, configuration, interrupts.Token).ConfigureAwait(false);
