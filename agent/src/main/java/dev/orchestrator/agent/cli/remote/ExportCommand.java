package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code orchestrator export --out F.csv}: every run matching the filters, as CSV, into a file. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Write every run matching the filters to a CSV file (not just one page).",
            "The file is replaced only once the whole export has arrived.",
            AgentConnection.EXIT_CODES
        })
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private RunFilters filters;

    @Option(
            names = {"-o", "--out"},
            required = true,
            paramLabel = "FILE",
            description = "The CSV file to write.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "cannot write " + out + ": the directory " + directory + " does not exist; create it first");
        }
        if (Files.isDirectory(target)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is a directory; name a file");
        }
        ObjectMapper json = JsonMapper.create();
        // beside the target, so the move is a rename and a broken-off export never replaces a good file; not a
        // temp file, whose mode 0600 the export would keep
        Path partial = directory.resolve(
                "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        try (AgentClient agent = connection.open(json)) {
            long records;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial));
                    CsvRecordCounter counter = new CsvRecordCounter(file)) {
                agent.download(filters.applyTo(ApiPath.of("/api/v1/runs/export.csv")), counter);
                counter.flush();
                records = counter.records();
            } catch (IOException e) {
                throw AgentRequestFailedException.failedHere(
                        "the export broke off: " + e + "; " + out + " was not changed", e);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long runs = Math.max(0, records - 1); // the first record is the header
            spec.commandLine().getOut().println("wrote " + runs + (runs == 1 ? " run" : " runs") + " to " + out);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
