import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Runs DynamoDB Local bound to 127.0.0.1. Its own command line has no bind-address option and listens on every
 * interface, which would let any machine on the network read and write the local study table. Takes the same
 * arguments as DynamoDBLocal.jar; the Jetty connectors it builds get the loopback host before the server starts.
 */
public final class LoopbackDynamoDbLocal {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
        Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
        jettyField.setAccessible(true);
        Server jetty = (Server) jettyField.get(server);
        int bound = 0;
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost("127.0.0.1");
                bound++;
            }
        }
        if (bound == 0) {
            // Never fall back to every interface: a DynamoDB Local whose layout changed must fail loudly.
            System.err.println("DynamoDB Local has no Jetty connector to bind to 127.0.0.1; refusing to start");
            System.exit(2);
        }
        server.start();
        System.out.println("DynamoDB Local listening on 127.0.0.1");
        server.join();
    }
}
