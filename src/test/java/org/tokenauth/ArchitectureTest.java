package org.tokenauth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, as src/site/markdown/architecture.md draws it. Features depend one way:
 *
 * <pre>
 * platform ← container
 * platform ← problems ← audit ← accounts ← apitokens, jwt ← security ← admin
 * </pre>
 *
 * A package uses only packages to its left (and {@code platform}); a lower feature that must make a
 * higher one act fires a CDI event. Inside a feature, boundary → control → entity and never back.
 * Only {@code container} knows which server it runs on. Every resource method says who may call it.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tokenauth");

    @Test
    void noPackageCycles() {
        slices().matching("org.tokenauth.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void featuresDependOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("platform").definedBy("org.tokenauth.platform..")
                .layer("container").definedBy("org.tokenauth.container..")
                .layer("problems").definedBy("org.tokenauth.problems..")
                .layer("audit").definedBy("org.tokenauth.audit..")
                .layer("accounts").definedBy("org.tokenauth.accounts..")
                .layer("apitokens").definedBy("org.tokenauth.apitokens..")
                .layer("jwt").definedBy("org.tokenauth.jwt..")
                .layer("security").definedBy("org.tokenauth.security..")
                .layer("admin").definedBy("org.tokenauth.admin..")
                .whereLayer("admin").mayNotBeAccessedByAnyLayer()
                .whereLayer("security").mayOnlyBeAccessedByLayers("admin")
                .whereLayer("apitokens").mayOnlyBeAccessedByLayers("security", "admin")
                .whereLayer("jwt").mayOnlyBeAccessedByLayers("security", "admin")
                .whereLayer("accounts").mayOnlyBeAccessedByLayers("apitokens", "jwt", "security", "admin")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("accounts", "apitokens", "jwt", "security", "admin")
                .whereLayer("problems").mayOnlyBeAccessedByLayers("audit", "accounts", "apitokens", "jwt", "security", "admin")
                .whereLayer("container").mayNotBeAccessedByAnyLayer()
                .check(MAIN);
    }

    @Test
    void controlNeverUsesABoundary() {
        noClasses().that().resideInAPackage("..control..")
                .should().dependOnClassesThat().resideInAPackage("..boundary..")
                .check(MAIN);
    }

    @Test
    void entitiesUseOnlyEntitiesAndThePlatform() {
        noClasses().that().resideInAPackage("..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("..control..", "..boundary..")
                .check(MAIN);
    }

    @Test
    void onlyTheContainerSeamKnowsTheServer() {
        noClasses().that().resideOutsideOfPackage("org.tokenauth.container..")
                .should().dependOnClassesThat().resideInAnyPackage("fish.payara..", "org.eclipse.persistence..",
                        "com.hazelcast..", "org.glassfish..", "com.sun.enterprise..", "org.jboss..", "org.wildfly..",
                        "io.openliberty..", "com.ibm..", "org.hibernate..")
                .check(MAIN);
    }

    /**
     * The resource-server example ({@code src/test}, run by {@code ResourceServerExampleIT}) is what
     * another team writes: it knows token-auth by its HTTP API only, and runs on any server with
     * MicroProfile JWT.
     */
    @Test
    void theResourceServerExampleUsesNoneOfOurClasses() {
        JavaClasses example = new ClassFileImporter().importPackages("org.tokenauth.example");
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.tokenauth..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("org.tokenauth.example..")))
                .orShould().dependOnClassesThat().resideInAnyPackage("fish.payara..", "org.glassfish..", "com.sun.enterprise..")
                .check(example);
    }

    @Test
    void resourcesDenyByDefault() {
        classes().that().areAnnotatedWith(Path.class).should().beAnnotatedWith(DenyAll.class).check(MAIN);
    }

    @Test
    void everyResourceMethodSaysWhoMayCallIt() {
        methods().that(areResourceMethods()).should(sayWhoMayCall()).check(MAIN);
    }

    private static DescribedPredicate<JavaMethod> areResourceMethods() {
        List<Class<? extends java.lang.annotation.Annotation>> verbs = List.of(GET.class, POST.class, PUT.class, PATCH.class,
                DELETE.class, HEAD.class, OPTIONS.class, Path.class);
        return DescribedPredicate.describe("are JAX-RS resource methods",
                method -> verbs.stream().anyMatch(method::isAnnotatedWith));
    }

    private static ArchCondition<JavaMethod> sayWhoMayCall() {
        return new ArchCondition<>("be annotated @RolesAllowed, @PermitAll or @DenyAll, themselves or by their class") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean said = says(method.isAnnotatedWith(RolesAllowed.class), method.isAnnotatedWith(PermitAll.class),
                        method.isAnnotatedWith(DenyAll.class))
                        || says(method.getOwner().isAnnotatedWith(RolesAllowed.class), method.getOwner().isAnnotatedWith(PermitAll.class),
                        method.getOwner().isAnnotatedWith(DenyAll.class));
                if (!said) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " does not say who may call it"));
                }
            }

            private boolean says(boolean... annotations) {
                for (boolean a : annotations) {
                    if (a) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
