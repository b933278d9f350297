package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.connector.ConnectorType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector instances of one run, keyed by type and rendered config. An instance serves one task at a
 * time (a concurrent task with the same key gets its own) unless its type is thread-safe; an instance whose
 * attempt was stopped is closed and never lent again; at the end of the run every instance is closed.
 * Thread-safe.
 */
final class ConnectorPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorPool.class);

    /** One checked-out instance; give it back with {@link #release} or {@link #discard}. */
    record Lease(String key, Object instance, boolean shared) {}

    private final ObjectMapper json;
    private final dev.orchestrator.secret.SecretMasker masker;
    private final Map<String, Deque<Object>> idle = new HashMap<>();
    private final Map<String, Object> shared = new HashMap<>();
    private final Set<Object> all = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    ConnectorPool(ObjectMapper json, dev.orchestrator.secret.SecretMasker masker) {
        this.json = json;
        this.masker = masker;
    }

    Lease checkout(ConnectorType type, Map<String, Object> config) {
        String key = key(type, config);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the run has ended; its connectors are closed");
            }
            if (type.isThreadSafe() && shared.containsKey(key)) {
                return new Lease(key, shared.get(key), true);
            }
            Deque<Object> free = idle.get(key);
            if (free != null && !free.isEmpty()) {
                return new Lease(key, free.pop(), false);
            }
        }
        // created outside the lock: a slow constructor must not hold up other tasks
        Object instance = type.newInstance(config);
        synchronized (this) {
            if (closed) {
                close(instance, masker);
                throw new IllegalStateException("the run has ended; its connectors are closed");
            }
            all.add(instance);
            if (type.isThreadSafe()) {
                Object existing = shared.putIfAbsent(key, instance);
                if (existing != null) {
                    all.remove(instance);
                    close(instance, masker);
                    return new Lease(key, existing, true);
                }
            }
        }
        return new Lease(key, instance, type.isThreadSafe());
    }

    synchronized void release(Lease lease) {
        if (closed || lease.shared()) {
            return; // a shared instance stays shared, or stays retired
        }
        idle.computeIfAbsent(lease.key(), key -> new ArrayDeque<>()).push(lease.instance());
    }

    /**
     * The attempt was stopped: whatever state the instance is in, it is not lent again. An instance of its own
     * is closed now; a shared one is retired (later tasks get a new one) and closed at the end of the run, since
     * other tasks may be using it at this moment.
     */
    void discard(Lease lease) {
        synchronized (this) {
            if (lease.shared()) {
                shared.remove(lease.key(), lease.instance());
                return;
            }
            all.remove(lease.instance());
        }
        close(lease.instance(), masker);
    }

    /** Closes every instance, in use or not. */
    void closeAll() {
        List<Object> instances;
        synchronized (this) {
            closed = true;
            instances = new ArrayList<>(all);
            all.clear();
            idle.clear();
            shared.clear();
        }
        instances.forEach(instance -> close(instance, masker));
    }

    private static void close(Object instance, dev.orchestrator.secret.SecretMasker masker) {
        if (instance instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing connector {} failed: {}", instance.getClass().getName(), masker.mask(e.toString()));
            }
        }
    }

    private String key(ConnectorType type, Map<String, Object> config) {
        try {
            return type.name() + " " + json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("connector_config cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
