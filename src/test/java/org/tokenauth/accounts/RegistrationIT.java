package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenauth.support.Api;
import org.tokenauth.support.Deployments;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrationIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void registersAUserAndAnswersWithItsShape() {
        Api api = new Api(base);
        String name = Api.uniqueName("Reg");
        Api.Reply reply = api.post("/api/auth/register", Json.createObjectBuilder().add("username", name)
                .add("email", name + "@Example.com").add("password", Api.PASSWORD).build());
        assertEquals(201, reply.status(), reply.toString());
        JsonObject user = reply.json();
        assertEquals(name, user.getString("username"));
        assertEquals(name + "@Example.com", user.getString("email"));
        assertEquals(java.util.List.of("user"), Api.strings(user.getJsonArray("groups")));
        assertTrue(user.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), user.toString());
        assertEquals(java.util.Set.of("id", "username", "email", "groups", "created_at"), user.keySet());
    }
}
