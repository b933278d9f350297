package dev.orchestrator.agent.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS for the API: a PKCS12 keystore holding the agent's key and certificate (for example made with
 * {@code keytool -genkeypair -storetype PKCS12}).
 */
public record TlsSettings(Path keystore, char[] password) {

    /** The environment variable the keystore password is read from, so it never shows in a process list. */
    public static final String PASSWORD_VARIABLE = "ORCHESTRATOR_KEYSTORE_PASSWORD";

    /** Loads the keystore; a wrong path or password is reported with what to check. */
    public SSLContext context() {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot use the TLS keystore " + keystore + ": " + e.getMessage()
                            + "; it must be a PKCS12 file, with its password in " + PASSWORD_VARIABLE,
                    e);
        }
    }
}
