import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sample task after an event wait (README, "Waiting tasks and events"), run as `java scripts/Ship.java`: the event's
 * payload arrives as JSON on stdin, and what it prints becomes the task's output. A real project would book the
 * shipment here, in any language.
 */
public class Ship {

    public static void main(String[] args) throws IOException {
        String payload = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        if (payload.isEmpty()) {
            System.err.println("ERROR no payload on stdin: run this after a task that passes its output (pass_output_from)");
            System.exit(2);
        }
        System.out.println("{\"shipped\": true, \"order\": " + payload + "}");
    }
}
