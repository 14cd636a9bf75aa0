package dev.streamscore.job.kafka;

import dev.streamscore.job.security.SaslSslDir;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link EmbeddedKafkaBroker}'s listeners are secured: {@link #plaintext()} (no security) or
 * {@link #saslSsl(SaslSslDir)}. With SASL_SSL the client listener takes SCRAM-SHA-512 over TLS
 * only, and the broker reaches itself (inter-broker requests such as transaction markers) through
 * it, logged in as the same SCRAM user. The controller listener then takes mutual TLS: it accepts
 * admin requests (e.g. {@code IncrementalAlterConfigs} through {@code bootstrap.controllers}), so
 * left PLAINTEXT it would let any local process reconfigure the broker without a password; with
 * {@code ssl.client.auth=required} only a holder of a certificate from the generated CA gets in,
 * and the CA's private key is not kept, so that is the broker itself.
 */
public final class BrokerSecurity {
    private static final BrokerSecurity PLAINTEXT =
            new BrokerSecurity("PLAINTEXT", "PLAINTEXT", Map.of(), Map.of(), List.of(), null);

    private final String protocol;
    private final String controllerProtocol;
    private final Map<String, String> serverProperties;
    private final Map<String, String> clientProperties;
    private final List<String> scramArguments;
    private final SaslSslDir material;

    private BrokerSecurity(String protocol, String controllerProtocol, Map<String, String> serverProperties,
                           Map<String, String> clientProperties, List<String> scramArguments, SaslSslDir material) {
        this.protocol = protocol;
        this.controllerProtocol = controllerProtocol;
        this.serverProperties = serverProperties;
        this.clientProperties = clientProperties;
        this.scramArguments = scramArguments;
        this.material = material;
    }

    /** A PLAINTEXT client listener: anyone who reaches 127.0.0.1 may use the broker. */
    public static BrokerSecurity plaintext() {
        return PLAINTEXT;
    }

    /**
     * A SASL_SSL client listener with the TLS material and the SCRAM user of {@code material}; the
     * user is written into the metadata when the data directory is formatted, and
     * {@code client.properties} is (re)written into the material's directory once the broker is ready.
     */
    public static BrokerSecurity saslSsl(SaslSslDir material) {
        String jaas = SaslSslDir.scramJaasConfig(material.username(), material.password());
        Map<String, String> server = new LinkedHashMap<>();
        server.put("sasl.enabled.mechanisms", SaslSslDir.MECHANISM);
        server.put("sasl.mechanism.inter.broker.protocol", SaslSslDir.MECHANISM);
        server.put(String.format("listener.name.sasl_ssl.%s.sasl.jaas.config", SaslSslDir.MECHANISM.toLowerCase()), jaas);
        server.put("ssl.client.auth", "none");
        server.put("ssl.keystore.type", "PKCS12");
        server.put("ssl.keystore.location", material.keyStore().toString());
        server.put("ssl.keystore.password", material.keyStorePassword());
        server.put("ssl.key.password", material.keyStorePassword());
        server.put("ssl.truststore.type", "PKCS12");
        server.put("ssl.truststore.location", material.trustStore().toString());
        server.put("ssl.truststore.password", material.trustStorePassword());
        server.put(String.format("listener.name.%s.ssl.client.auth", EmbeddedKafkaBroker.CONTROLLER.toLowerCase()), "required");
        // the SCRAM argument syntax of kafka-storage format --add-scram; letters and digits need no quoting
        List<String> scram = List.of(String.format("%s=[name=%s,password=%s]",
                SaslSslDir.MECHANISM, material.username(), material.password()));
        return new BrokerSecurity("SASL_SSL", "SSL", Map.copyOf(server), material.clientSecurity(), scram, material);
    }

    /** The client listener's name, which is also its security protocol ({@code PLAINTEXT} or {@code SASL_SSL}). */
    String protocol() {
        return protocol;
    }

    /** The controller listener's security protocol ({@code PLAINTEXT}, or {@code SSL} with client certificates). */
    String controllerProtocol() {
        return controllerProtocol;
    }

    /** Server settings beyond the listeners (mechanisms, JAAS, key and trust stores). */
    Map<String, String> serverProperties() {
        return serverProperties;
    }

    /** The security settings a client of the broker needs (none for PLAINTEXT). */
    Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** SCRAM credentials to write at format time, as {@code Formatter#setScramArguments} takes them. */
    List<String> scramArguments() {
        return scramArguments;
    }

    /** The cluster id the data directory must have (the one its SCRAM user was written for), if any. */
    Optional<String> clusterId() {
        return material == null ? Optional.empty() : Optional.of(material.clusterId());
    }

    /** Where the material lives, for error messages. */
    String describe() {
        return material == null ? protocol : String.format("%s material in %s", protocol, material.dir());
    }

    /** Called once clients can connect: writes {@code client.properties} for SASL_SSL. */
    void brokerReady(String bootstrapServers) throws IOException {
        if (material != null) {
            material.writeClientProperties(bootstrapServers);
        }
    }
}
