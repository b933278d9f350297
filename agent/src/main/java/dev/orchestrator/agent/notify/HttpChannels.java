package dev.orchestrator.agent.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.model.NotifyChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The channels that POST JSON: {@code webhook}, {@code slack}, {@code feishu} (optionally signed). */
final class HttpChannels {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final java.util.function.Supplier<OkHttpClient> httpFactory;
    private final ObjectMapper json;
    private final Clock clock;
    // made at the first alert: OkHttp and Kotlin cost ~150 ms of class loading that most starts never need
    private volatile OkHttpClient http;

    HttpChannels(java.util.function.Supplier<OkHttpClient> httpFactory, ObjectMapper json, Clock clock) {
        this.httpFactory = httpFactory;
        this.json = json;
        this.clock = clock;
    }

    private OkHttpClient http() {
        OkHttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = httpFactory.get();
                }
                client = http;
            }
        }
        return client;
    }

    /** Any endpoint: the alert as a JSON object. */
    ChannelSender webhook() {
        return (channel, alert) -> post(setting(channel, "url"), alert.payload());
    }

    /** A Slack incoming webhook. */
    ChannelSender slack() {
        return (channel, alert) -> post(setting(channel, "webhook_url"), Map.of("text", alert.text()));
    }

    /**
     * A Feishu (Lark) custom bot. With {@code config.secret}, the message is signed: base64 of HMAC-SHA256 keyed
     * with {@code timestamp + "\n" + secret} over nothing, as Feishu checks it.
     */
    ChannelSender feishu() {
        return (channel, alert) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            Object secret = channel.config().get("secret");
            if (secret != null && !secret.toString().isBlank()) {
                long timestamp = clock.instant().getEpochSecond();
                body.put("timestamp", Long.toString(timestamp));
                body.put("sign", feishuSignature(timestamp, secret.toString()));
            }
            body.put("msg_type", "text");
            body.put("content", Map.of("text", alert.text()));
            post(setting(channel, "webhook_url"), body);
        };
    }

    static String feishuSignature(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void post(String url, Object body) throws IOException {
        Request request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON))
                .build();
        try (Response response = http().newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("the endpoint answered HTTP " + response.code());
            }
        }
    }

    private static String setting(NotifyChannel channel, String key) throws IOException {
        Object value = channel.config().get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IOException("notify channel '" + channel.name() + "' has no config." + key);
        }
        return value.toString();
    }
}
