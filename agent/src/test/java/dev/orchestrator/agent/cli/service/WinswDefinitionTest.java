package dev.orchestrator.agent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class WinswDefinitionTest {

    private static final String LAUNCHER = "C:\\Program Files\\orchestrator-console\\orchestrator.exe";

    private static ServiceDefinition service(String config, int graceSeconds) {
        String home = "C:\\ProgramData\\Orchestrator\\orchestrator";
        return new ServiceDefinition(
                "orchestrator",
                "LocalSystem",
                List.of(LAUNCHER),
                List.of("run", "--config", config, "--home", home),
                home,
                List.of(),
                Duration.ofSeconds(graceSeconds),
                "1.2.3");
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document document, String element) {
        return document.getElementsByTagName(element).item(0).getTextContent();
    }

    @Test
    void startsTheLauncherWithTheRunArguments() throws Exception {
        Document definition = parse(WinswDefinition.render(service("D:\\pipelines", 10)));

        assertThat(definition.getDocumentElement().getTagName()).isEqualTo("service");
        assertThat(text(definition, "id")).isEqualTo("orchestrator");
        assertThat(text(definition, "executable")).isEqualTo(LAUNCHER);
        assertThat(text(definition, "arguments"))
                .isEqualTo("run --config D:\\pipelines --home C:\\ProgramData\\Orchestrator\\orchestrator");
        assertThat(text(definition, "workingdirectory")).isEqualTo("C:\\ProgramData\\Orchestrator\\orchestrator");
        assertThat(text(definition, "startmode")).isEqualTo("Automatic");
        assertThat(text(definition, "logpath")).isEqualTo("C:\\ProgramData\\Orchestrator\\orchestrator\\logs");
    }

    @Test
    void restartsAfterAFailureAndGivesTheAgentItsShutdownTime() throws Exception {
        Document definition = parse(WinswDefinition.render(service("D:\\pipelines", 60)));

        Element onFailure =
                (Element) definition.getElementsByTagName("onfailure").item(0);
        assertThat(onFailure.getAttribute("action")).isEqualTo("restart");
        assertThat(text(definition, "stoptimeout")).isEqualTo("150 sec");
        assertThat(text(definition, "stopparentprocessfirst")).isEqualTo("true");
    }

    @Test
    void keepsPathsWithSpacesAndXmlCharactersIntact() throws Exception {
        Document definition = parse(WinswDefinition.render(service("D:\\R&D <data>\\pipelines", 10)));

        assertThat(text(definition, "arguments")).startsWith("run --config \"D:\\R&D <data>\\pipelines\" --home");
    }

    @Test
    void quotesArgumentsAsWindowsProgramsSplitThem() {
        assertThat(WinswDefinition.argument("C:\\data")).isEqualTo("C:\\data");
        assertThat(WinswDefinition.argument("C:\\my data")).isEqualTo("\"C:\\my data\"");
        assertThat(WinswDefinition.argument("C:\\my data\\")).isEqualTo("\"C:\\my data\\\\\"");
        assertThat(WinswDefinition.argument("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(WinswDefinition.argument("a\\\"b")).isEqualTo("\"a\\\\\\\"b\"");
        assertThat(WinswDefinition.argument("")).isEqualTo("\"\"");
    }
}
