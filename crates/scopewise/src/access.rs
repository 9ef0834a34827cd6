//! Token types and sets of them. [`Access`] is the model's (`scopewise_model::access`), so
//! the dataset, the macros and the runtime share one definition; the set is the runtime's.

use core::fmt;

pub use scopewise_model::access::Access;

/// The bit of `access` in an [`AccessSet`].
const fn bit(access: Access) -> u8 {
    match access {
        Access::SubAccount => 1,
        Access::Agency => 2,
    }
}

/// A set of [`Access`] values, stored as a bitset; `Copy` and usable in `const` code.
///
/// Iteration and display follow [`Access::ALL`] order, whatever order the values were added in.
///
/// ```
/// use scopewise::{Access, AccessSet};
///
/// let both = AccessSet::EMPTY.with(Access::Agency).with(Access::SubAccount);
/// assert!(both.contains(Access::Agency));
/// assert_eq!(both.to_string(), "sub-account, agency");
/// assert_eq!(both.iter().collect::<Vec<_>>(), [Access::SubAccount, Access::Agency]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AccessSet {
    bits: u8,
}

impl AccessSet {
    /// The empty set.
    ///
    /// ```
    /// assert!(scopewise::AccessSet::EMPTY.is_empty());
    /// ```
    pub const EMPTY: AccessSet = AccessSet { bits: 0 };

    /// Every token type.
    ///
    /// ```
    /// assert_eq!(scopewise::AccessSet::ALL.len(), 2);
    /// ```
    pub const ALL: AccessSet = AccessSet { bits: 3 };

    /// The set with `access` added.
    ///
    /// ```
    /// use scopewise::{Access, AccessSet};
    /// const AGENCY: AccessSet = AccessSet::EMPTY.with(Access::Agency);
    /// assert!(AGENCY.contains(Access::Agency));
    /// ```
    #[must_use]
    pub const fn with(self, access: Access) -> AccessSet {
        AccessSet {
            bits: self.bits | bit(access),
        }
    }

    /// Every value in either set.
    ///
    /// ```
    /// use scopewise::{Access, AccessSet};
    /// let sub = AccessSet::EMPTY.with(Access::SubAccount);
    /// let agency = AccessSet::EMPTY.with(Access::Agency);
    /// assert_eq!(sub.union(agency), AccessSet::ALL);
    /// ```
    #[must_use]
    pub const fn union(self, other: AccessSet) -> AccessSet {
        AccessSet {
            bits: self.bits | other.bits,
        }
    }

    /// Whether the two sets share a value.
    ///
    /// ```
    /// use scopewise::{Access, AccessSet};
    /// let sub = AccessSet::EMPTY.with(Access::SubAccount);
    /// assert!(AccessSet::ALL.intersects(sub));
    /// assert!(!sub.intersects(AccessSet::EMPTY.with(Access::Agency)));
    /// ```
    pub const fn intersects(self, other: AccessSet) -> bool {
        self.bits & other.bits != 0
    }

    /// Whether `access` is in the set.
    ///
    /// ```
    /// use scopewise::{Access, AccessSet};
    /// assert!(!AccessSet::EMPTY.contains(Access::SubAccount));
    /// ```
    pub const fn contains(self, access: Access) -> bool {
        self.bits & bit(access) != 0
    }

    /// Whether every member of `other` is in `self`.
    ///
    /// ```
    /// use scopewise::{Access, AccessSet};
    /// let agency = AccessSet::EMPTY.with(Access::Agency);
    /// assert!(AccessSet::ALL.is_superset(agency));
    /// assert!(!agency.is_superset(AccessSet::ALL));
    /// ```
    pub const fn is_superset(self, other: AccessSet) -> bool {
        self.bits & other.bits == other.bits
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(!scopewise::AccessSet::ALL.is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// How many token types are in the set.
    ///
    /// ```
    /// assert_eq!(scopewise::AccessSet::EMPTY.len(), 0);
    /// ```
    pub const fn len(self) -> usize {
        self.bits.count_ones() as usize
    }

    /// The members, in [`Access::ALL`] order.
    ///
    /// ```
    /// use scopewise::{Access, AccessSet};
    /// assert_eq!(AccessSet::ALL.iter().count(), 2);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Access> + Clone {
        Access::ALL.into_iter().filter(move |a| self.contains(*a))
    }
}

impl FromIterator<Access> for AccessSet {
    fn from_iter<I: IntoIterator<Item = Access>>(iter: I) -> Self {
        iter.into_iter().fold(AccessSet::EMPTY, AccessSet::with)
    }
}

impl fmt::Display for AccessSet {
    /// Comma-separated in [`Access::ALL`] order; the empty set displays as `none`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        for (i, access) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(access.as_str())?;
        }
        Ok(())
    }
}

impl fmt::Debug for AccessSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let sub = AccessSet::EMPTY.with(Access::SubAccount);
        assert_eq!(sub.len(), 1);
        assert!(sub.contains(Access::SubAccount) && !sub.contains(Access::Agency));
        assert_eq!(sub.with(Access::SubAccount), sub);
        assert_eq!(sub.with(Access::Agency), AccessSet::ALL);
        assert_eq!(
            Access::ALL.into_iter().collect::<AccessSet>(),
            AccessSet::ALL
        );
    }

    #[test]
    fn display_and_debug() {
        assert_eq!(AccessSet::EMPTY.to_string(), "none");
        assert_eq!(AccessSet::EMPTY.with(Access::Agency).to_string(), "agency");
        assert_eq!(format!("{:?}", AccessSet::ALL), "{SubAccount, Agency}");
    }
}
