package ml.frontier.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frontier completion}: a bash/zsh completion script for the whole command tree. */
@Command(name = "completion",
        description = {"Print a bash/zsh completion script for frontier.",
                "Use: source <(frontier completion)   (or save it under /etc/bash_completion.d/)"})
public final class CompletionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
    }
}
