package dev.kisscam.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

    @Test
    void local_defaults_keep_everything_under_storage_in_the_working_directory() {
        var config = LocalStorageConfig.defaults();

        assertThat(config.storagePath()).isEqualTo(Path.of("storage").toAbsolutePath());
        assertThat(config.tempPath()).isEqualTo(config.storagePath().resolve("tmp"));
        assertThat(config.mediaTtl()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void the_temporary_path_may_not_be_where_a_store_keeps_its_own_files() {
        var config = LocalStorageConfig.at(Path.of("/srv/kisscam"));
        for (String clash : List.of("/srv/kisscam", "/srv/kisscam/media", "/srv/kisscam/media/tmp", "/srv/kisscam/jobs/tmp",
                "/srv/kisscam/consent")) {
            assertThatThrownBy(() -> config.withTempPath(Path.of(clash))).as(clash)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(config.withTempPath(Path.of("/var/tmp/kisscam")).tempPath()).isEqualTo(Path.of("/var/tmp/kisscam"));
    }

    @Test
    void the_media_ttl_must_be_positive() {
        var config = LocalStorageConfig.defaults();
        assertThatThrownBy(() -> config.withMediaTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_s3_configuration_never_shows_the_secret_key() {
        var shown = S3StorageConfig.of("https://s3.example.com", "kisscam", "AKIAEXAMPLEACCESS", "wJalrXUtnFEMI-very-secret",
                null).toString();

        assertThat(shown).doesNotContain("wJalrXUtnFEMI-very-secret").doesNotContain("AKIAEXAMPLEACCESS")
                .contains("AKIA****").contains("kisscam").contains("https://s3.example.com");
    }

    @Test
    void an_unsafe_s3_prefix_is_refused_and_a_safe_one_normalised() {
        var base = S3StorageConfig.of("http://127.0.0.1:9000", "kisscam", "access", "secret", null);
        for (String unsafe : List.of("a/../b", "../x", "a//b", "a b", "./x")) {
            assertThatThrownBy(() -> base.withPrefix(unsafe)).as(unsafe).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(base.prefix()).isEqualTo("kisscam/media/");
        assertThat(base.withPrefix("/kisscam/prod").prefix()).isEqualTo("kisscam/prod/");
        assertThat(base.withPrefix("").prefix()).isEmpty();
    }

    @Test
    void s3_settings_are_checked_when_read_not_at_the_first_upload() {
        assertThatThrownBy(() -> S3StorageConfig.of("s3.example.com", "kisscam", "a", "s", null))
                .hasMessageContaining("S3_ENDPOINT");
        assertThatThrownBy(() -> S3StorageConfig.of("https://s3.example.com", "Kisscam_Bucket", "a", "s", null))
                .hasMessageContaining("S3_BUCKET");
        assertThatThrownBy(() -> S3StorageConfig.of("https://s3.example.com", "kisscam", " ", "s", null))
                .hasMessageContaining("S3_ACCESS_KEY");
        assertThatThrownBy(() -> S3StorageConfig.of("https://s3.example.com", "kisscam", "a", "s", null)
                .withPartSizeBytes(1024)).hasMessageContaining("part size");
    }

    @Test
    void every_broken_s3_rule_is_reported_at_once_and_no_key_is_quoted() {
        assertThatThrownBy(() -> S3StorageConfig.of(null, null, " ", null, null))
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactly("S3_ENDPOINT is required: the S3 endpoint URL",
                                "S3_BUCKET is required: the bucket for photos and videos",
                                "S3_ACCESS_KEY is required: the S3 access key",
                                "S3_SECRET_KEY is required: the S3 secret key"));
        assertThatThrownBy(() -> new S3StorageConfig("s3.example.com", "Kisscam_Bucket", "AKIAEXAMPLEACCESS",
                "wJalrXUtnFEMI-very-secret", null, "../x", Duration.ZERO, 1024))
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .hasSize(5)
                        .anyMatch(p -> p.startsWith("S3_ENDPOINT 's3.example.com'"))
                        .anyMatch(p -> p.startsWith("S3_BUCKET 'Kisscam_Bucket'"))
                        .anyMatch(p -> p.startsWith("the S3 prefix '../x'"))
                        .anyMatch(p -> p.startsWith("the media TTL"))
                        .anyMatch(p -> p.startsWith("the part size"))
                        .noneMatch(p -> p.contains("AKIAEXAMPLEACCESS") || p.contains("wJalrXUtnFEMI-very-secret")));
    }

    @Test
    void every_broken_local_rule_is_reported_at_once_naming_the_variables() {
        assertThatThrownBy(() -> new LocalStorageConfig(Path.of("/srv/kisscam"), Path.of("/srv/kisscam/jobs/tmp"),
                Duration.ZERO))
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactly("the media TTL must be positive, was PT0S",
                                "TEMP_STORAGE_PATH (/srv/kisscam/jobs/tmp) must not be STORAGE_PATH itself or lie"
                                        + " inside its jobs directory, where the stores keep their own files"));
    }
}
