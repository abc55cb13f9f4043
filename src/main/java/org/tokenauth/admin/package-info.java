/**
 * Administration over HTTP, for group {@code admin}: users (look, disable, enable, groups) and
 * signing keys. Boundary only: the work is done by the control classes of the features below.
 *
 * <p>May use every other package; none uses it.
 */
package org.tokenauth.admin;
