package dev.orchestrator.agent.access;

import dev.orchestrator.agent.store.TokenStore;
import dev.orchestrator.agent.store.TokenStore.StoredToken;
import dev.orchestrator.api.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The tokens the API accepts: the agent home's token file, the admin named {@code home} (as before named tokens,
 * so the local command line and console go on working unchanged, and {@code orchestrator token --rotate} replaces
 * it at once), and the named tokens of the database, kept as their SHA-256 only. A named token's lookup is kept
 * for {@link #RECHECK_AFTER} (so a request costs no query); a token revoked through this agent stops working at
 * its next request, one revoked through another agent of the cluster within {@link #RECHECK_AFTER}. Thread-safe.
 */
public final class AccessTokens implements Authenticator {

    /** The name of the home's token. */
    public static final String HOME = "home";

    static final Duration RECHECK_AFTER = Duration.ofSeconds(1);
    /** How often a token's last use is written to the database at most: a list shows it to the minute. */
    static final Duration NOTE_USE_EVERY = Duration.ofMinutes(1);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final int MAX_CACHED = 10_000;

    /** A token as {@code token list} shows it: never the token itself. */
    public record Listed(String name, Role role, String source, Instant createdAt, Optional<Instant> lastUsedAt) {}

    /** A token just made: the only time its text is known. */
    public record Created(String name, Role role, String token, Instant createdAt) {}

    private record Lookup(Optional<StoredToken> token, Instant at) {}

    private final Supplier<String> homeToken;
    private final Path homeTokenFile;
    private final TokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Lookup> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> usedAt = new ConcurrentHashMap<>();

    /**
     * @param homeToken     the home's token as its file holds it now
     * @param homeTokenFile its file, whose time of last change the list shows as the token's creation
     */
    public AccessTokens(Supplier<String> homeToken, Path homeTokenFile, TokenStore store, Clock clock) {
        this.homeToken = homeToken;
        this.homeTokenFile = homeTokenFile;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> identify(String presented) {
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        if (Authenticator.matches(presented, homeToken.get())) {
            usedAt.put(HOME, clock.instant());
            return Optional.of(new Caller(HOME, Role.ADMIN));
        }
        String hash = hash(presented);
        Instant now = clock.instant();
        Lookup lookup = byHash.get(hash);
        if (lookup == null || lookup.at().plus(RECHECK_AFTER).isBefore(now)) {
            if (byHash.size() >= MAX_CACHED) {
                byHash.clear(); // guesses must not fill the memory
            }
            lookup = new Lookup(store.findByHash(hash), now);
            byHash.put(hash, lookup);
        }
        Optional<StoredToken> token =
                lookup.token().filter(found -> MessageDigest.isEqual(bytes(found.hash()), bytes(hash)));
        token.ifPresent(found -> noteUse(found, now));
        return token.map(found -> new Caller(found.name(), found.role()));
    }

    private void noteUse(StoredToken token, Instant now) {
        Instant last = usedAt.getOrDefault(token.name(), token.lastUsedAt().orElse(null));
        if (last == null || last.plus(NOTE_USE_EVERY).isBefore(now)) {
            usedAt.put(token.name(), now);
            store.touch(token.name(), now);
        }
    }

    /** What is wrong with a new token's name, if anything. */
    public static Optional<String> checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("a token's name is 1 to 64 characters: lower-case letters, digits, '.', '_' and '-', "
                    + "starting with a letter or digit; got '" + name + "'");
        }
        if (name.equals(HOME)) {
            return Optional.of("'" + HOME + "' is the agent home's token (orchestrator token --rotate replaces it); "
                    + "choose another name");
        }
        return Optional.empty();
    }

    /**
     * Makes a token of 256 random bits; empty when the name is taken.
     *
     * @throws IllegalArgumentException when the name is not one a token may have (see {@link #checkName})
     */
    public Optional<Created> create(String name, Role role) {
        checkName(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "orc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        StoredToken stored = new StoredToken(name, role, hash(token), now, Optional.empty());
        if (!store.create(stored)) {
            return Optional.empty();
        }
        byHash.remove(stored.hash());
        return Optional.of(new Created(name, role, token, now));
    }

    /** Revokes a named token: it stops working at its next request to this agent. False when there is none. */
    public boolean revoke(String name) {
        boolean revoked = store.revoke(name);
        // whatever the store said: another agent may have revoked it a moment ago
        byHash.values()
                .removeIf(lookup ->
                        lookup.token().map(token -> token.name().equals(name)).orElse(false));
        usedAt.remove(name);
        return revoked;
    }

    /** The home's token first, then the named ones by name. */
    public List<Listed> list() {
        List<Listed> listed = new ArrayList<>();
        listed.add(new Listed(HOME, Role.ADMIN, "home", homeTokenChanged(), Optional.ofNullable(usedAt.get(HOME))));
        for (StoredToken token : store.list()) {
            listed.add(new Listed(token.name(), token.role(), "database", token.createdAt(), token.lastUsedAt()));
        }
        return listed;
    }

    private Instant homeTokenChanged() {
        try {
            return Files.getLastModifiedTime(homeTokenFile).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** The hex SHA-256 of a token's text, as the store keeps it. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(token)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
