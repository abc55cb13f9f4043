package org.tokenauth.accounts.entity;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.tokenauth.platform.Times;

/**
 * A user. Username and e-mail are unique regardless of case through the {@code *_key} columns,
 * which hold the lower-cased forms: a plain unique index then does the job on every database.
 * Groups are one comma-separated column because they are read on every API-token request and a
 * join would cost more than it is worth.
 */
@Entity
@Cacheable // read on every /api/me; every change goes through this entity, so the cache stays true
@Table(name = "accounts")
@NamedQuery(name = Account.BY_USERNAME_KEY, query = "SELECT a FROM Account a WHERE a.usernameKey = :key")
@NamedQuery(name = Account.BY_EMAIL_KEY, query = "SELECT a FROM Account a WHERE a.emailKey = :key")
@NamedQuery(name = Account.ALL_IN_ORDER, query = "SELECT a FROM Account a ORDER BY a.createdAt, a.id")
@NamedQuery(name = Account.COUNT, query = "SELECT COUNT(a) FROM Account a")
@NamedQuery(name = Account.DISABLED_IDS, query = "SELECT a.id FROM Account a WHERE a.disabled = TRUE")
@NamedQuery(name = Account.CREDENTIALS_CHANGED_SINCE,
        query = "SELECT a.id, a.credentialsChangedAt FROM Account a WHERE a.credentialsChangedAt > :since AND a.credentialsChangedAt > a.createdAt")
@NamedQuery(name = Account.GROUPS_CHANGED_SINCE,
        query = "SELECT a.id, a.groupsChangedAt, a.groupNames FROM Account a WHERE a.groupsChangedAt > :since")
@NamedQuery(name = Account.ADMINISTRATORS_FOR_UPDATE,
        query = "SELECT a FROM Account a WHERE a.groupNames LIKE :pattern ORDER BY a.id")
public class Account {

    public static final String BY_USERNAME_KEY = "Account.byUsernameKey";
    public static final String BY_EMAIL_KEY = "Account.byEmailKey";
    public static final String ALL_IN_ORDER = "Account.allInOrder";
    public static final String COUNT = "Account.count";
    public static final String DISABLED_IDS = "Account.disabledIds";
    public static final String CREDENTIALS_CHANGED_SINCE = "Account.credentialsChangedSince";
    public static final String GROUPS_CHANGED_SINCE = "Account.groupsChangedSince";
    /** Candidates only (the pattern also matches longer names): {@link #groups()} decides. */
    public static final String ADMINISTRATORS_FOR_UPDATE = "Account.administratorsForUpdate";
    public static final String ADMIN_GROUP = "admin";
    public static final String USER_GROUP = "user";

    @Id
    @Column(length = 36)
    private String id;

    // lengths in UTF-16 units, as databases count: 150 characters outside the BMP take 300
    @Column(nullable = false, length = 300)
    private String username;

    @Column(name = "username_key", nullable = false, unique = true, length = 600)
    private String usernameKey;

    @Column(nullable = false, length = 508)
    private String email;

    // lower-casing can lengthen a string (İ becomes i̇)
    @Column(name = "email_key", nullable = false, unique = true, length = 508)
    private String emailKey;

    @Column(name = "password_hash", nullable = false, length = 255)
    private String passwordHash;

    @Column(name = "group_names", nullable = false, length = 1000)
    private String groupNames;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /**
     * When the password changed or the account was disabled (to the millisecond): credentials made
     * before are revoked, and a login whose password check read an earlier value issues nothing.
     */
    @Column(name = "credentials_changed_at", nullable = false)
    private Instant credentialsChangedAt;

    /** When an administrator last set the groups; tokens made before carry no more than the groups of now. */
    @Column(name = "groups_changed_at")
    private Instant groupsChangedAt;

    protected Account() {
    }

    /**
     * @param username    as the user will see it (normalised)
     * @param usernameKey the form that is unique regardless of case
     * @param emailKey    likewise for the e-mail address
     */
    public Account(String username, String usernameKey, String email, String emailKey, String passwordHash, Set<String> groups) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.usernameKey = usernameKey;
        this.email = email;
        this.emailKey = emailKey;
        this.passwordHash = passwordHash;
        setGroups(groups);
        this.createdAt = Times.now();
        this.credentialsChangedAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** The same password hashed at a higher cost: nothing is revoked, and a login in flight stays valid. */
    public void rehash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    /** A new password: every credential made before {@code at} is to be revoked. */
    public void changePassword(String passwordHash, Instant at) {
        this.passwordHash = passwordHash;
        this.credentialsChangedAt = at;
    }

    /** The groups, always including {@code user}, in a stable order. */
    public List<String> groups() {
        return groupsOf(groupNames);
    }

    /** The groups stored in a {@code group_names} column. */
    public static List<String> groupsOf(String groupNames) {
        return Arrays.stream(groupNames.split(",")).filter(g -> !g.isEmpty()).toList();
    }

    /** An administrator's change of the groups at {@code at}. */
    public void changeGroups(Set<String> groups, Instant at) {
        setGroups(groups);
        this.groupsChangedAt = at;
    }

    private void setGroups(Set<String> groups) {
        Set<String> all = new LinkedHashSet<>();
        all.add(USER_GROUP);
        groups.stream().sorted().forEach(all::add);
        this.groupNames = String.join(",", all);
    }

    public boolean disabled() {
        return disabled;
    }

    /** Disabling at {@code at} revokes every credential made before; enabling brings none back. */
    public void setDisabled(boolean disabled, Instant at) {
        this.disabled = disabled;
        if (disabled) {
            this.credentialsChangedAt = at;
        }
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant credentialsChangedAt() {
        return credentialsChangedAt;
    }
}
