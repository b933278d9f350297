package dev.orchestrator.agent.plugin;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A plugin JAR's own class loader, child first: the libraries a plugin bundles win over the agent's, so two
 * plugins can use different versions of one library. The plugin API ({@code dev.orchestrator.*}), the JDK and
 * SLF4J always come from the agent, so plugin and agent agree on those types.
 */
final class PluginClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    PluginClassLoader(URL[] urls, ClassLoader agent) {
        super(urls, agent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("dev.orchestrator.")
                || name.startsWith("org.slf4j.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInThePlugin) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
