package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.model.YamlName;
import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/**
 * How the store's Java types are written to and read from columns, registered once on the {@link Jdbi} of a
 * {@link Database} so that statements bind and read the values themselves: an {@link Instant} is a UTC
 * {@code TIMESTAMP WITH TIME ZONE} (the type H2 and PostgreSQL share), and an enum spelled in pipeline files
 * ({@link YamlName}: {@code RunState}, {@code TaskState}, {@code TriggerKind}, ...) is its YAML name
 * ({@code upstream_failed}), as the status columns hold it. Stateless.
 */
final class StoredTypes {

    private StoredTypes() {}

    /** Registers the arguments and the column mappers on {@code jdbi}. */
    static void register(Jdbi jdbi) {
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerArgument(new YamlNameArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (ColumnMapper<Instant>) (row, column, context) -> {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
        jdbi.registerColumnMapper(new YamlNameColumnMapperFactory());
    }

    /** Binds an instant as a UTC {@code OffsetDateTime}, which both drivers take for TIMESTAMP WITH TIME ZONE. */
    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {

        InstantArgumentFactory() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
            return (position, statement, context) -> statement.setObject(position, utc);
        }
    }

    /** Binds an enum constant that has a YAML name by that name, instead of Jdbi's default {@code name()}. */
    private static final class YamlNameArgumentFactory implements ArgumentFactory.Preparable {

        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            if (!isYamlNamed(type)) {
                return Optional.empty();
            }
            return Optional.of(value -> value == null
                    ? new NullArgument(Types.VARCHAR)
                    : (position, statement, context) -> statement.setString(position, ((YamlName) value).yamlName()));
        }
    }

    /** Reads an enum constant that has a YAML name from that name, as it was stored. */
    private static final class YamlNameColumnMapperFactory implements ColumnMapperFactory {

        @Override
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            if (!isYamlNamed(type)) {
                return Optional.empty();
            }
            Class<?> enumType = GenericTypes.getErasedType(type);
            return Optional.of((row, column, context) -> {
                String text = row.getString(column);
                return text == null ? null : constant(enumType, text);
            });
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object constant(Class<?> enumType, String yamlName) {
            // every YAML name is the constant's name in lower case (upstream_failed is UPSTREAM_FAILED)
            return Enum.valueOf((Class) enumType, yamlName.toUpperCase(Locale.ROOT));
        }
    }

    private static boolean isYamlNamed(Type type) {
        Class<?> erased = GenericTypes.getErasedType(type);
        return YamlName.class.isAssignableFrom(erased) && Enum.class.isAssignableFrom(erased);
    }
}
