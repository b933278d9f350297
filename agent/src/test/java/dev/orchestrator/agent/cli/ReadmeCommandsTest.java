package dev.orchestrator.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.readme.Readme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every {@code orchestrator …} command the README names exists, with the options it shows: each is parsed by the
 * real command line, and a command or option it does not know is a README that lies. Placeholders ({@code ID},
 * {@code [--port N]}, {@code text|json}) are read as the README means them: brackets dropped, the first choice.
 */
class ReadmeCommandsTest {

    @Test
    void everyCommandTheReadmeNamesIsARealCommandWithRealOptions() {
        List<Readme.Command> commands = Readme.read().commands();
        List<String> wrong = new ArrayList<>();
        for (Readme.Command command : commands) {
            List<String> words = words(command.text());
            String problem = problem(words.subList(1, words.size()));
            if (problem != null) {
                wrong.add("README.md:" + command.line() + ": `" + command.text() + "`: " + problem);
            }
        }

        assertThat(commands).as("the README's orchestrator commands").hasSizeGreaterThan(40);
        assertThat(wrong)
                .as("commands of the README that the CLI does not know")
                .isEmpty();
    }

    @Test
    void findsAnOptionTheCommandDoesNotHave() {
        assertThat(problem(List.of("validate", "--config", "pipelines", "--colour")))
                .contains("--colour");
        assertThat(problem(List.of("valdate", "--config", "pipelines"))).contains("valdate");
        assertThat(problem(List.of("validate", "--config", "pipelines", "--format", "json")))
                .isNull();
    }

    /** What is wrong with the arguments, or null: an unknown command or option, or arguments left over. */
    private static String problem(List<String> arguments) {
        CommandLine commandLine = Main.newCommandLine();
        CommandSpec spec = commandLine.getCommandSpec();
        for (String argument : arguments) {
            if (argument.equals("--")) {
                break; // what follows goes to another program (service install -- RUN OPTIONS)
            }
            if (argument.startsWith("-")) {
                String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
                if (spec.findOption(name) == null && !isNumber(argument)) {
                    return "no option " + name + " in `" + spec.qualifiedName() + "`";
                }
            } else if (spec.subcommands().containsKey(argument)) {
                spec = spec.subcommands().get(argument).getCommandSpec();
            } else if (!spec.subcommands().isEmpty()
                    && spec.positionalParameters().isEmpty()
                    && spec.options().stream()
                            .noneMatch(option -> option.arity().max() > 0)) {
                return "no command " + argument + " in `" + spec.qualifiedName() + "`";
            }
        }
        try {
            commandLine.parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.UnmatchedArgumentException e) {
            return e.getMessage();
        } catch (CommandLine.ParameterException e) {
            // a placeholder where a number or a choice is expected (--port N): the names were checked above
        }
        return null;
    }

    private static boolean isNumber(String word) {
        return word.matches("-\\d+");
    }

    /** The command's words as a shell splits them, placeholders made plain. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.replace("\\|", "|").toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        List<String> plain = new ArrayList<>();
        for (String each : words) {
            String stripped = each.replace("[", "").replace("]", "");
            if (stripped.isEmpty() || stripped.equals("...") || stripped.equals("…")) {
                continue;
            }
            plain.add(
                    stripped.contains("|") && !stripped.startsWith("{")
                            ? stripped.substring(0, stripped.indexOf('|'))
                            : stripped);
        }
        return plain;
    }
}
