package dev.kisscam.adapter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlConfigTest {

    @Test
    void a_postgresql_url_becomes_a_jdbc_url_and_credentials() {
        SqlConfig config = SqlConfig.of("postgresql://kisscam:p%40ss:w0rd@db.example:5433/kisscam?sslmode=require");

        assertThat(config.dialect()).isEqualTo(SqlConfig.Dialect.POSTGRESQL);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/kisscam?sslmode=require");
        assertThat(config.user()).contains("kisscam");
        assertThat(config.password()).contains("p@ss:w0rd");
        assertThat(config.sqliteFile()).isEmpty();
    }

    @Test
    void the_password_is_in_neither_the_location_nor_the_description() {
        SqlConfig config = SqlConfig.of("postgresql://kisscam:hunter2-secret@db.example/kisscam");

        assertThat(config.location()).isEqualTo("postgresql://kisscam:****@db.example/kisscam");
        assertThat(config.toString()).doesNotContain("hunter2-secret").contains("****");
        assertThat(SqlConfig.of("postgres://db.example/kisscam").location()).isEqualTo("postgresql://db.example/kisscam");
    }

    @Test
    void a_sqlite_url_names_a_file() {
        SqlConfig config = SqlConfig.of("sqlite:data/bot.db");

        assertThat(config.dialect()).isEqualTo(SqlConfig.Dialect.SQLITE);
        assertThat(config.sqliteFile()).contains(Path.of("data/bot.db").toAbsolutePath());
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("data/bot.db").toAbsolutePath());
        assertThat(config.user()).isEqualTo(Optional.empty());
        assertThat(SqlConfig.under(Path.of("/srv/kisscam")).sqliteFile()).contains(Path.of("/srv/kisscam/kisscam.db"));
    }

    @Test
    void what_is_wrong_is_said_without_quoting_the_password() {
        assertThatThrownBy(() -> SqlConfig.of("mysql://root:topsecret@db/kisscam"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("DATABASE_URL must be sqlite:PATH or postgresql://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SqlConfig.of("postgresql://root:top secret^@db/kisscam"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("%-encoded")
                .hasMessageNotContaining("top secret");
        assertThatThrownBy(() -> SqlConfig.of("postgresql://root:topsecret@db.example"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("names no database")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SqlConfig.of("sqlite:")).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("names no file");
    }
}
