package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.Notify;
import dev.orchestrator.model.NotifyChannel;
import dev.orchestrator.model.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Binds a pipeline's {@code notify:} mapping. Channel names are checked by the validator. */
final class NotifyReader {

    private final BindContext context;
    private final PositionRecorder positions;

    NotifyReader(BindContext context, PositionRecorder positions) {
        this.context = context;
        this.positions = positions;
    }

    Notify read(MappingReader pipeline) {
        Optional<MappingReader> found =
                pipeline.mapping("notify", "the notify settings of " + pipeline.owner(), FormatKeys.NOTIFY);
        if (found.isEmpty()) {
            return Notify.defaults();
        }
        MappingReader notify = found.get();
        Notify defaults = Notify.defaults();
        boolean onTaskFailure = notify.bool("on_task_failure", defaults.onTaskFailure());
        boolean onPipelineFailure = notify.bool("on_pipeline_failure", defaults.onPipelineFailure());
        boolean onPipelineSuccess = notify.bool("on_pipeline_success", defaults.onPipelineSuccess());
        int threshold = notify.integer("failure_threshold", defaults.failureThreshold(), 1, 10_000);
        List<Node> items = notify.sequence("channels");
        List<NotifyChannel> channels = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            channel(items.get(i), SourceMap.item(SourceMap.child(notify.path(), "channels"), i), pipeline.owner())
                    .ifPresent(channels::add);
        }
        return new Notify(onTaskFailure, onPipelineFailure, onPipelineSuccess, threshold, channels);
    }

    /** {@code - name: feishu / config: {...}}, or just {@code - log}. */
    private Optional<NotifyChannel> channel(Node item, String path, String owner) {
        if (item instanceof ScalarNode scalar && !YamlValues.isNull(scalar)) {
            return Optional.of(new NotifyChannel(context.text(scalar).strip(), Map.of()));
        }
        if (!(item instanceof MappingNode mapping)) {
            context.report(
                    item,
                    DiagnosticCode.WRONG_TYPE,
                    "a notify channel of " + owner + " is " + YamlValues.describe(item)
                            + ", expected a mapping with 'name' and 'config'",
                    null);
            return Optional.empty();
        }
        MappingReader channel = new MappingReader(
                context, positions, mapping, path, "a notify channel of " + owner, FormatKeys.CHANNEL);
        Optional<String> name = channel.requiredString("name", "name one of: log, feishu, webhook, slack");
        Map<String, Object> config = channel.freeMapping("config");
        return name.map(channelName -> new NotifyChannel(channelName.strip(), config));
    }
}
