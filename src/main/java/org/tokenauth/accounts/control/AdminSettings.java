package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.tokenauth.platform.Setting;

/** The first administrator, from {@code tokenauth.admin.*}, read once. */
@ApplicationScoped
public class AdminSettings {

    public static final Setting<String> USERNAME = Setting.optionalText("tokenauth.admin.username",
            "the first administrator, made at start (groups admin and user) if no user of that name exists");
    public static final Setting<String> PASSWORD = Setting.optionalText("tokenauth.admin.password",
            "its password (both are needed)");
    public static final Setting<String> EMAIL = Setting.optionalText("tokenauth.admin.email",
            "its e-mail address (default: the username at admin.invalid)");

    private Optional<String> username;
    private Optional<String> password;
    private Optional<String> email;

    protected AdminSettings() {
        // for CDI's proxy
    }

    @Inject
    public AdminSettings(Config config) {
        username = USERNAME.optional(config);
        password = PASSWORD.optional(config);
        email = EMAIL.optional(config);
    }

    public Optional<String> username() {
        return username;
    }

    public Optional<String> password() {
        return password;
    }

    public Optional<String> email() {
        return email;
    }
}
