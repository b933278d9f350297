import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sample transform for the shell connector, run as `java scripts/SalesSummary.java` (the JDK runs a single
 * source file directly). It reads the upstream rows as JSON on stdin and prints totals per region as JSON,
 * which becomes the task's output. A real project would use its own scripts in any language.
 */
public class SalesSummary {
    private static final Pattern ROW = Pattern.compile("\\{[^}]*}");
    private static final Pattern FIELD = Pattern.compile("\"(region|amount)\"\\s*:\\s*\"?([^\",}]*)\"?");

    public static void main(String[] args) throws IOException {
        String input = new String(System.in.readAllBytes());
        Map<String, BigDecimal> totals = new TreeMap<>();
        Matcher row = ROW.matcher(input);
        while (row.find()) {
            String region = null;
            BigDecimal amount = BigDecimal.ZERO;
            Matcher field = FIELD.matcher(row.group());
            while (field.find()) {
                if (field.group(1).equals("region")) {
                    region = field.group(2);
                } else {
                    amount = new BigDecimal(field.group(2).trim());
                }
            }
            if (region != null) {
                totals.merge(region, amount, BigDecimal::add);
            }
        }
        StringBuilder out = new StringBuilder("[");
        totals.forEach((region, total) -> out.append(out.length() > 1 ? "," : "")
                .append("{\"region\":\"").append(region).append("\",\"total\":").append(total).append('}'));
        System.out.println(out.append(']'));
        System.err.println("summarised " + totals.size() + " regions");
    }
}
