package org.tokenauth.support;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * The base URL of each deployment, by deployment name, as of its latest deploy. A test that deploys
 * by hand ({@code @Deployment(managed = false)} and {@code Deployer}) cannot have the URL injected
 * before the deployment exists, and the Payara Micro adapter starts a new server on a new random
 * port at each deploy: this client-side Arquillian extension records the URL when it is known.
 */
public final class DeployedUrls implements LoadableExtension {

    private static final Map<String, URL> URLS = new ConcurrentHashMap<>();

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Recorder.class);
    }

    /** The base URL ({@code http://host:port/}) of the named deployment; fails if it is not deployed. */
    public static URL of(String deploymentName) {
        URL url = URLS.get(deploymentName);
        if (url == null) {
            throw new IllegalStateException("deployment " + deploymentName + " is not deployed");
        }
        return url;
    }

    public static final class Recorder {

        @Inject
        private Instance<ProtocolMetaData> protocolMetaData;

        public void deployed(@Observes AfterDeploy event) throws MalformedURLException {
            ProtocolMetaData metaData = protocolMetaData.get();
            if (metaData == null || !metaData.hasContext(HTTPContext.class)) {
                return;
            }
            HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
            URLS.put(event.getDeployment().getName(), new URL(http.getScheme(), http.getHost(), http.getPort(), "/"));
        }

        public void undeployed(@Observes AfterUnDeploy event) {
            URLS.remove(event.getDeployment().getName());
        }
    }
}
