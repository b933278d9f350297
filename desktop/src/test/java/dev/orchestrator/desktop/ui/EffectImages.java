package dev.orchestrator.desktop.ui;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * How many bitmaps JavaFX's effect image pool holds as in use, read through its private fields: the pool that bitmap
 * caches ({@code Node.setCache}, a ScrollPane's viewport) and effects take their bitmaps from. A bitmap stays "in
 * use" until given back; one never given back stays in the pool for as long as the application runs (issue 22).
 * JavaFX's internals: if a JavaFX upgrade renames them, this fails saying so, and needs reading anew.
 */
public final class EffectImages {

    private EffectImages() {}

    /** The bitmaps in use in every renderer's pool, on any thread (the pools' own lock is taken). */
    public static int inUse() {
        try {
            Class<?> renderer = Class.forName("com.sun.scenario.effect.impl.Renderer");
            Map<?, ?> renderers = (Map<?, ?>) field(renderer, "rendererMap").get(null);
            int count = 0;
            synchronized (renderer) { // Renderer.getRenderer fills the map under the class's lock
                for (Object each : renderers.values()) {
                    Object pool = field(renderer, "imagePool").get(each);
                    synchronized (pool) { // the pool's check-out and check-in hold it
                        for (Object entry :
                                (List<?>) field(pool.getClass(), "locked").get(pool)) {
                            if (((Reference<?>) entry).get() != null) {
                                count++;
                            }
                        }
                    }
                }
            }
            return count;
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("JavaFX's effect image pool is no longer where this reads it", e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
