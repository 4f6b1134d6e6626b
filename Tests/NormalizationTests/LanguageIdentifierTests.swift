import Testing
@testable import Normalization

/// Held-out sentences (not in `LanguageSamples`), written for these tests.
let languageTestSentences: [(String, String)] = [
    ("en", "The airline cancelled dozens of flights after a strike by air traffic controllers."),
    ("en", "Voters in the northern province will choose a new governor next month."),
    ("en", "She told the court that she had never seen the documents before."),
    ("en", "Oil prices climbed on Friday as traders worried about supply."),
    ("en", "The museum reopened to visitors after a two-year renovation."),
    ("en", "Rescue teams are still searching for survivors."),
    ("fr", "La compagnie aérienne a annulé des dizaines de vols après une grève des contrôleurs."),
    ("fr", "Les électeurs de la province du nord choisiront un nouveau gouverneur le mois prochain."),
    ("fr", "Elle a déclaré au tribunal qu'elle n'avait jamais vu ces documents."),
    ("fr", "Les prix du pétrole ont grimpé vendredi, les marchés craignant une pénurie."),
    ("fr", "Le musée a rouvert ses portes après deux ans de travaux."),
    ("fr", "Les secours cherchent toujours des survivants."),
    ("de", "Die Fluggesellschaft strich Dutzende Flüge nach einem Streik der Fluglotsen."),
    ("de", "Die Wähler in der nördlichen Provinz wählen im kommenden Monat einen neuen Gouverneur."),
    ("de", "Sie sagte vor Gericht, sie habe die Unterlagen nie zuvor gesehen."),
    ("de", "Die Ölpreise stiegen am Freitag, weil Händler sich um das Angebot sorgten."),
    ("de", "Das Museum ist nach zweijähriger Renovierung wieder geöffnet."),
    ("de", "Die Rettungskräfte suchen weiter nach Überlebenden."),
    ("es", "La aerolínea canceló decenas de vuelos tras una huelga de los controladores aéreos."),
    ("es", "Los votantes de la provincia del norte elegirán un nuevo gobernador el mes que viene."),
    ("es", "Ella dijo ante el tribunal que nunca había visto esos documentos."),
    ("es", "Los precios del petróleo subieron el viernes por la preocupación sobre el suministro."),
    ("es", "El museo volvió a abrir sus puertas después de dos años de obras."),
    ("es", "Los equipos de rescate siguen buscando supervivientes."),
    ("it", "La compagnia aerea ha cancellato decine di voli dopo uno sciopero dei controllori di volo."),
    ("it", "Gli elettori della provincia settentrionale sceglieranno un nuovo governatore il mese prossimo."),
    ("it", "Ha detto al tribunale di non aver mai visto quei documenti."),
    ("it", "I prezzi del petrolio sono saliti venerdì per i timori sulle forniture."),
    ("it", "Il museo ha riaperto ai visitatori dopo due anni di lavori."),
    ("it", "Le squadre di soccorso stanno ancora cercando i sopravvissuti."),
    ("pt", "A companhia aérea cancelou dezenas de voos depois de uma greve dos controladores."),
    ("pt", "Os eleitores da província do norte vão escolher um novo governador no próximo mês."),
    ("pt", "Ela disse ao tribunal que nunca tinha visto aqueles documentos."),
    ("pt", "Os preços do petróleo subiram na sexta-feira devido a preocupações com a oferta."),
    ("pt", "O museu reabriu aos visitantes depois de dois anos de obras."),
    ("pt", "As equipas de resgate continuam à procura de sobreviventes."),
    ("nl", "De luchtvaartmaatschappij schrapte tientallen vluchten na een staking van de luchtverkeersleiders."),
    ("nl", "De kiezers in de noordelijke provincie kiezen volgende maand een nieuwe gouverneur."),
    ("nl", "Ze vertelde de rechtbank dat ze de documenten nooit eerder had gezien."),
    ("nl", "De olieprijzen stegen vrijdag omdat handelaren zich zorgen maakten over het aanbod."),
    ("nl", "Het museum is na een renovatie van twee jaar weer open voor bezoekers."),
    ("nl", "Reddingswerkers zoeken nog steeds naar overlevenden."),
    ("tr", "Havayolu şirketi, hava trafik kontrolörlerinin grevi nedeniyle onlarca uçuşu iptal etti."),
    ("tr", "Kuzey ilindeki seçmenler gelecek ay yeni bir vali seçecek."),
    ("tr", "Mahkemede belgeleri daha önce hiç görmediğini söyledi."),
    ("tr", "Petrol fiyatları arz endişesiyle cuma günü yükseldi."),
    ("tr", "Müze iki yıllık restorasyonun ardından ziyaretçilere yeniden açıldı."),
    ("tr", "Kurtarma ekipleri hâlâ hayatta kalanları arıyor."),
    ("ru", "Авиакомпания отменила десятки рейсов из-за забастовки диспетчеров."),
    ("ru", "Спасатели продолжают искать выживших."),
    ("ar", "ألغت شركة الطيران عشرات الرحلات بسبب إضراب المراقبين الجويين."),
    ("ar", "لا تزال فرق الإنقاذ تبحث عن ناجين."),
    ("zh", "航空公司因空中交通管制员罢工取消了数十个航班。"),
    ("zh", "救援队仍在搜寻幸存者。"),
]

@Suite struct LanguageIdentifierTests {
    let identifier = LanguageIdentifier.shared

    @Test func heldOutSentenceAccuracy() {
        var correct = 0
        var wrong: [String] = []
        for (code, sentence) in languageTestSentences {
            let (lang, _) = identifier.identify(sentence)
            if lang == code { correct += 1 } else { wrong.append("\(code)→\(lang): \(sentence)") }
        }
        let accuracy = Double(correct) / Double(languageTestSentences.count)
        #expect(accuracy >= 0.95, "accuracy \(accuracy); wrong: \(wrong)")
    }

    @Test func confidenceGrowsWithLength() {
        let short = identifier.identify("Le musée a rouvert.")
        let long = identifier.identify(languageTestSentences.filter { $0.0 == "fr" }.map(\.1).joined(separator: " "))
        #expect(long.language == "fr")
        #expect(long.confidence > 0.9)
        #expect(long.confidence >= short.confidence)
    }

    @Test func scriptsAndUnknowns() {
        #expect(identifier.identify("").language == "und")
        #expect(identifier.identify("12345 !!! ---").language == "und")
        #expect(identifier.identify("東京で地震が発生しました。").language == "ja")
        #expect(identifier.identify("서울에서 회의가 열렸다").language == "ko")
        #expect(identifier.identify("Рятувальники продовжують пошуки і їхні зусилля").language == "uk")
        let zh = identifier.identify("救援队仍在搜寻幸存者。")
        #expect(zh.language == "zh")
        #expect(zh.confidence > 0.5)
    }

    @Test func nonEnglishArticlesFlowThrough() throws {
        let n = try Normalizer().normalize(RawText(title: nil, body: "BERLIN, 5. Februar (dpa) - Die Regierung hat am Dienstag neue Pläne vorgestellt. Die Opposition kritisierte sie scharf.", isHTML: false))
        #expect(n.language == "de")
        #expect(n.languageConfidence > 0.5)
    }
}
