package dev.orchestrator.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksEverySecretWhereverItAppears() {
        SecretMasker masker = SecretMasker.of(List.of("hunter22", "postgres://u:pw@db/x"));

        assertThat(masker.mask("login hunter22 failed; dsn postgres://u:pw@db/x; again hunter22"))
                .isEqualTo("login *** failed; dsn ***; again ***");
    }

    @Test
    void masksTheLongerSecretWholeWhenOneContainsAnother() {
        SecretMasker masker = SecretMasker.of(List.of("abcd", "abcdefgh"));

        assertThat(masker.mask("x abcdefgh y")).isEqualTo("x *** y");
    }

    @Test
    void leavesValuesTooShortToBeSecretsAndNullsAlone() {
        SecretMasker masker = SecretMasker.of(List.of("3", "eu", ""));

        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask("retry 3 in eu")).isEqualTo("retry 3 in eu");
        assertThat(masker.mask(null)).isNull();
    }

    private static final String SPECIAL = "p@ss w/rd&x=1+\"quoted\"\\é>>>???";

    @Test
    void masksTheUrlEncodedFormWithPlusOrPercentTwentyForSpaces() {
        SecretMasker masker = SecretMasker.of(List.of(SPECIAL));
        String plus = URLEncoder.encode(SPECIAL, StandardCharsets.UTF_8);
        String percent = plus.replace("+", "%20");

        assertThat(plus).contains("+").contains("%40").contains("%C3%A9");
        assertThat(masker.mask("GET /db?password=" + plus + "&x=1")).isEqualTo("GET /db?password=***&x=1");
        assertThat(masker.mask("url: https://h/" + percent + " failed")).isEqualTo("url: https://h/*** failed");
        assertThat(masker.mask("lower " + percent.toLowerCase(java.util.Locale.ROOT)))
                .as("hex digits in either case")
                .isEqualTo("lower ***");
    }

    @Test
    void masksAUrlFormThatLeavesSomeCharactersUnencoded() {
        // encoders differ in what they leave alone: '@', '/' and '=' raw, the space as %20
        SecretMasker masker = SecretMasker.of(List.of("p@ss w/rd=1"));

        assertThat(masker.mask("dsn=postgres://u:p@ss%20w/rd=1@db")).isEqualTo("dsn=postgres://u:***@db");
    }

    @Test
    void masksTheJsonEscapedForm() {
        SecretMasker masker = SecretMasker.of(List.of("a\"b\\c/d\ne\tfé"));

        assertThat(masker.mask("{\"password\":\"a\\\"b\\\\c/d\\ne\\tfé\"}")).isEqualTo("{\"password\":\"***\"}");
        assertThat(masker.mask("{\"password\":\"a\\u0022b\\\\c\\/d\\u000Ae\\tf\\u00e9\"}"))
                .as("\\uXXXX escapes, an escaped slash, non-ASCII escaped")
                .isEqualTo("{\"password\":\"***\"}");
    }

    @Test
    void masksTheBase64FormsStandardAndUrlSafeWithOrWithoutPadding() {
        String secret = "s3cr3t>>>???x";
        SecretMasker masker = SecretMasker.of(List.of(secret));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String standard = Base64.getEncoder().encodeToString(bytes);
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);

        assertThat(standard).contains("+").contains("/").endsWith("=");
        assertThat(urlSafe).contains("-").contains("_");
        assertThat(masker.mask("token " + standard + " end")).isEqualTo("token *** end");
        assertThat(masker.mask("token " + urlSafe + " end")).isEqualTo("token *** end");
        assertThat(masker.mask("token " + urlSafe.replace("=", "") + " end")).isEqualTo("token *** end");
    }

    @Test
    void masksASecretInsideALongerBase64TextAtEachOfTheThreeAlignments() {
        String secret = "hunter2-is-long";
        SecretMasker masker = SecretMasker.of(List.of(secret));
        for (String user : List.of("u", "us", "use", "user")) {
            for (String after : List.of("", ":", ":more-bytes")) {
                String credentials = user + ":" + secret + after;
                for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                    String header = "Authorization: Basic "
                            + encoder.encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
                    String masked = masker.mask(header);

                    // what is left besides the mask holds at most the characters that mix in a neighbouring byte
                    int prefixChars = (user.length() + 1) * 8 / 6 + 1;
                    int suffixChars = (after.length() * 8 + 5) / 6 + 1;
                    assertThat(masked)
                            .as(header)
                            .matches("Authorization: Basic [A-Za-z0-9+/_-]{0," + prefixChars
                                    + "}\\*\\*\\*[A-Za-z0-9+/_-]{0," + suffixChars + "}=*");
                }
            }
        }
    }

    @Test
    void leavesTextWithoutASecretAloneWhateverItsEscapes() {
        SecretMasker masker = SecretMasker.of(List.of("p@ss w/rd"));
        String text = "a%20b+c \\n \\u0041 cEBzcyB3L2Jk-ish but not quite";

        assertThat(masker.mask(text)).isEqualTo(text);
    }

    @Test
    void aCombinedMaskerMasksTheEncodedFormsOfBoth() {
        SecretMasker masker = SecretMasker.of(List.of("first secret")).plus(SecretMasker.of(List.of("second/secret")));

        assertThat(masker.mask("first+secret and second%2Fsecret")).isEqualTo("*** and ***");
    }
}
