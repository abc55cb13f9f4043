package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration table of {@code src/site/markdown/operations.md} is the settings of the code: every
 * {@link Setting} that a settings type declares is in the table with its default, and the table has no
 * {@code tokenauth.*} key that no settings type reads.
 */
class SettingsTableTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(tokenauth\\.[a-z0-9.-]+)` \\| ([^|]+) \\|");

    @Test
    void theTableOfOperationsMdIsTheSettingsOfTheCode() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("src/site/markdown/operations.md")));
        while (m.find()) {
            documented.put(m.group(1), m.group(2).strip().replace("`", ""));
        }
        assertFalse(documented.isEmpty(), "no configuration table in operations.md");
        assertEquals(declared(), documented);
    }

    /** Every Setting constant in the application's classes: key → default, as the table writes it. */
    private static Map<String, String> declared() throws Exception {
        Map<String, String> settings = new TreeMap<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tokenauth")) {
            for (JavaField field : type.getFields()) {
                if (field.getRawType().isEquivalentTo(Setting.class) && field.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)) {
                    java.lang.reflect.Field reflected = field.reflect();
                    if (Modifier.isStatic(reflected.getModifiers())) {
                        reflected.setAccessible(true);
                        Setting<?> setting = (Setting<?>) reflected.get(null);
                        settings.put(setting.key(), setting.defaultValue() == null ? "none" : String.valueOf(setting.defaultValue()));
                    }
                }
            }
        }
        return settings;
    }
}
