/// Words the generated tenants are made of: French businesses of the kinds Bibind's offers serve.
enum TenantVocabulary {
    static func businesses(forOffer offer: String) -> [String] {
        switch offer {
        case "grand-compte": return ["groupe", "industries", "distribution", "laboratoires", "holding", "enseignes"]
        case "pme": return ["cabinet", "garage", "imprimerie", "transports", "menuiserie", "negoce", "agence"]
        case "launchcard": return ["boulangerie", "patisserie", "boucherie", "fleuriste", "cordonnerie", "chocolaterie"]
        case "solocard": return ["atelier", "studio", "creations", "conseil", "coaching", "ebenisterie"]
        case "mutualise": return ["fromagerie", "epicerie", "cave", "librairie", "mercerie", "papeterie", "bijouterie"]
        default: return ["maison", "boutique", "comptoir", "galerie", "domaine", "brasserie", "torrefaction"]
        }
    }

    static let surnames = [
        "durand", "martin", "bernard", "petit", "moreau", "lefebvre", "rousseau", "dubois", "laurent", "simon",
        "michel", "garcia", "david", "bertrand", "roux", "vincent", "fournier", "girard", "bonnet", "dupont",
        "lambert", "fontaine", "chevalier", "robin", "masson", "henry", "perrin", "morel", "mathieu", "clement",
        "gauthier", "faure", "mercier", "blanc", "guerin", "boyer", "garnier", "legrand", "lemoine", "carpentier",
    ]

    static func segment(forOffer offer: String) -> String {
        switch offer {
        case "mutualise": return "commerce"
        case "launchcard": return "artisan"
        case "solocard": return "independant"
        case "self-service": return "e-commerce"
        default: return offer
        }
    }

    static let salesRegions = [
        "bretagne", "normandie", "occitanie", "grand-est", "hauts-de-france", "ile-de-france", "nouvelle-aquitaine",
        "auvergne-rhone-alpes", "provence-alpes-cote-d-azur", "pays-de-la-loire", "bourgogne-franche-comte",
        "centre-val-de-loire",
    ]

    static let accountManagers = ["c.girard", "m.lemaire", "s.perrot", "a.benoit", "j.renaud"]

    static let topLevelDomains = ["fr", "fr", "fr", "com", "eu", "shop", "bzh", "paris"]

    static let memoryLimits = ["1G", "2G", "3G", "4G", "6G"]

    /// Juju constraints for larger machine groups and applications.
    static let machineConstraints = [
        "cores=2 mem=4G root-disk=20G", "cores=4 mem=8G root-disk=50G", "cores=4 mem=16G root-disk=100G",
        "cores=8 mem=16G root-disk=100G", "cores=8 mem=32G root-disk=200G", "cores=16 mem=64G root-disk=500G",
    ]

    /// Juju constraints with cores, memory and disk doubled: `cores=2 mem=8G` → `cores=4 mem=16G`.
    static func doubled(_ constraints: String) -> String {
        constraints.split(separator: " ").map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["cores", "cpu-cores", "mem", "root-disk"].contains(parts[0]) else { return String(pair) }
            var digits = parts[1]
            var suffix = ""
            if let last = digits.last, "MGTP".contains(last) { suffix = String(last); digits.removeLast() }
            guard let number = Int(digits) else { return String(pair) }
            return "\(parts[0])=\(number * 2)\(suffix)"
        }.joined(separator: " ")
    }

    /// A tenant name: `<business>-<surname>-<number>`, unique through its number.
    static func tenantName(offer: String, number: Int, using random: inout SeededGenerator) -> String {
        "\(random.pick(businesses(forOffer: offer)))-\(random.pick(surnames))-\(number)"
    }
}
